import type { BenchMeasurement, BenchTarget, WorkloadResult } from '../bench-types.ts';

/** The median of the samples (mean of the middle two for an even count); NaN for none. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

export function minMax(samples: readonly number[]): { min: number; max: number } {
  if (samples.length === 0) return { min: Number.NaN, max: Number.NaN };
  return { min: Math.min(...samples), max: Math.max(...samples) };
}

export type TargetVerdict = 'met' | 'not met' | 'no target' | 'failed';

/** One row of the table and of the JSON: a measurement reduced to medians, with its baseline and verdict. */
export interface SummaryRow {
  readonly workload: string;
  readonly metric: string;
  readonly unit: string;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
  readonly baselineName?: string;
  readonly baselineMedian?: number;
  /** median / baseline median */
  readonly ratio?: number;
  readonly target?: BenchTarget;
  readonly verdict: TargetVerdict;
  readonly limitedBy?: string;
  readonly notes?: readonly string[];
  /** set when the workload threw: the error message */
  readonly error?: string;
}

/**
 * Whether the median meets the target: compared with `value` itself, or (ofBaseline) the ratio to the baseline's
 * median with `value`. A measurement without samples, or a ratio target without a baseline, cannot be met.
 */
export function evaluateTarget(target: BenchTarget, medianValue: number, ratio: number | undefined): boolean {
  const compared = target.ofBaseline === true ? ratio : medianValue;
  if (compared === undefined || !Number.isFinite(compared)) return false;
  return target.op === '>=' ? compared >= target.value : compared <= target.value;
}

export function summariseMeasurement(workload: string, m: BenchMeasurement): SummaryRow {
  const med = median(m.samples);
  const { min, max } = minMax(m.samples);
  const baselineMedian = m.baseline === undefined ? undefined : median(m.baseline.samples);
  const ratio = baselineMedian === undefined || baselineMedian === 0 ? undefined : med / baselineMedian;
  const verdict: TargetVerdict = m.target === undefined ? 'no target' : evaluateTarget(m.target, med, ratio) ? 'met' : 'not met';
  return {
    workload,
    metric: m.metric,
    unit: m.unit,
    median: med,
    min,
    max,
    samples: m.samples,
    ...(m.baseline === undefined ? {} : { baselineName: m.baseline.name, baselineMedian }),
    ...(ratio === undefined ? {} : { ratio }),
    ...(m.target === undefined ? {} : { target: m.target }),
    verdict,
    ...(m.limitedBy === undefined ? {} : { limitedBy: m.limitedBy }),
    ...(m.notes === undefined ? {} : { notes: m.notes }),
  };
}

export function summariseResult(result: WorkloadResult): SummaryRow[] {
  return result.measurements.map((m) => summariseMeasurement(result.workload, m));
}

/** The row of a workload that threw: the run goes on, the table says why this one has no figures. */
export function failedRow(workload: string, error: unknown): SummaryRow {
  const message = error instanceof Error ? error.message : String(error);
  return {
    workload,
    metric: 'workload failed',
    unit: '',
    median: Number.NaN,
    min: Number.NaN,
    max: Number.NaN,
    samples: [],
    verdict: 'failed',
    error: message.split('\n')[0]?.slice(0, 300) ?? message,
  };
}
