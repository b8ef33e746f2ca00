/**
 * Simulated time for cohorts. It starts at `startMs` (in the past for a backdated cohort), runs `speed` times
 * faster than real time while it is behind, and never passes real time: readings more than 5 minutes ahead of the
 * gateway's clock are refused (PROTOCOL_LIMITS.maxClockSkewMs), so a simulation can only catch up with the present,
 * not overtake it. Once caught up it runs at real speed.
 */
export interface SimClock {
  /** simulated epoch ms now */
  now(): number;
  readonly startMs: number;
  readonly speed: number;
  /** true once simulated time has reached real time */
  caughtUp(): boolean;
}

export function createSimClock(startMs: number, speed: number, realNow: () => number = Date.now): SimClock {
  if (!(speed >= 1) || !Number.isFinite(speed)) throw new RangeError(`speed must be a finite number ≥ 1, got ${speed}`);
  const realStart = realNow();
  const start = Math.min(startMs, realStart);
  const now = (): number => {
    const real = realNow();
    return Math.min(real, start + (real - realStart) * speed);
  };
  return { now, startMs: start, speed, caughtUp: () => now() >= realNow() };
}
