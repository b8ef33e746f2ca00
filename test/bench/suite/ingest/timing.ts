/** How long one measured run publishes, and how much of the start is warm-up (not measured). */
export interface RunTiming {
  readonly durationMs: number;
  readonly warmupMs: number;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Resolves at `at` (epoch ms). */
export const until = (at: number): Promise<void> => sleep(at - Date.now());
