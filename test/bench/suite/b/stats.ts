/** The q-quantile (0…1) of `values` by nearest rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Loopback source addresses 127.0.0.1 … 127.0.0.n (Linux routes all of 127/8 to lo). */
export function loopbackAddresses(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `127.0.0.${i + 1}`);
}
