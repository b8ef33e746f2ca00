export interface BackoffOptions {
  /** ceiling of the first retry, ms */
  readonly initialDelayMs: number;
  /** largest ceiling, ms */
  readonly maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * Exponential backoff with "equal jitter" (Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog 2015):
 * the wait is half the ceiling plus a random part of the other half. The random part spreads a fleet's reconnects
 * after a broker restart instead of sending them in waves; the fixed half keeps a refused device from hammering.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
