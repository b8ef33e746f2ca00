import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Workload, WorkloadResult } from './bench-types.ts';
import { failedRow, summariseResult, type SummaryRow } from './report/summarise.ts';

export interface WorkloadsOutcome {
  readonly rows: readonly SummaryRow[];
  readonly results: readonly WorkloadResult[];
  readonly failed: readonly { workload: string; error: string }[];
}

export interface RunWorkloadsOptions {
  readonly quick: boolean;
  readonly repetitions: number;
  /** workload names to run; undefined = all */
  readonly only: readonly string[] | undefined;
  readonly log: (line: string) => void;
}

/**
 * Runs the workloads in order, one at a time, each in a temporary directory of its own that is removed afterwards.
 * A workload that throws becomes a failed row and the next one still runs.
 */
export async function runWorkloads(workloads: readonly Workload[], options: RunWorkloadsOptions): Promise<WorkloadsOutcome> {
  const { log } = options;
  const rows: SummaryRow[] = [];
  const results: WorkloadResult[] = [];
  const failed: { workload: string; error: string }[] = [];
  for (const workload of workloads) {
    if (options.only !== undefined && !options.only.includes(workload.name)) continue;
    const workDir = await mkdtemp(join(tmpdir(), `rpm-bench-${workload.name}-`));
    const started = performance.now();
    const seconds = (): string => ((performance.now() - started) / 1000).toFixed(0);
    log(`${workload.name}: starting`);
    try {
      const result = await workload.run({
        quick: options.quick,
        repetitions: options.repetitions,
        workDir,
        log: (line) => log(`${workload.name}: ${line}`),
      });
      results.push(result);
      rows.push(...summariseResult(result));
      log(`${workload.name}: done in ${seconds()} s`);
    } catch (error) {
      const row = failedRow(workload.name, error);
      rows.push(row);
      failed.push({ workload: workload.name, error: row.error ?? '' });
      log(`${workload.name}: FAILED after ${seconds()} s: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }
  return { rows, results, failed };
}
