import { useEffect, useRef } from 'preact/hooks';

/** Calls `tick` every `intervalMs` while the component is shown. */
export function useInterval(tick: () => void, intervalMs: number): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useEffect(() => {
    const timer = setInterval(() => tickRef.current(), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
}
