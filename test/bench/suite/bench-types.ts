// The shape every workload of `npm run bench` (issue #8) reports in. The runner (run-bench.ts) prints one table from
// these and writes them as JSON; each workload module exports a `Workload`.

export interface BenchOptions {
  /** Quick mode: fewer repetitions and smaller sizes, so the whole `npm run bench -- --quick` ends within 10 minutes. */
  readonly quick: boolean;
  /** How many times each measured run is repeated; medians and min–max are taken over these. */
  readonly repetitions: number;
  /** A folder of the runner's for temporary files (databases, spools, broker configs); removed afterwards. */
  readonly workDir: string;
  /** Progress lines for the person watching (stderr); the table is printed by the runner. */
  readonly log: (line: string) => void;
}

/** A target of the issue, as a comparison the runner can mark met or not met. */
export interface BenchTarget {
  /** ">=" or "<=": how the measurement's median must compare with `value`. */
  readonly op: '>=' | '<=';
  /** Absolute value in the measurement's unit, or (when `ofBaseline` is true) a ratio to the baseline's median. */
  readonly value: number;
  readonly ofBaseline?: boolean;
  /** The target as the issue words it, e.g. "≥ 0.6 × mosquitto QoS 1 relay". */
  readonly text: string;
}

export interface BenchBaseline {
  /** What the baseline is, e.g. "mosquitto QoS 1 relay, same publishers, one subscriber". */
  readonly name: string;
  /** One value per repetition, in the measurement's unit. */
  readonly samples: readonly number[];
}

export interface BenchMeasurement {
  /** e.g. "ingest, 1 reading/message: readings/s end to end". */
  readonly metric: string;
  /** e.g. "msg/s", "readings/s", "ms", "KB", "s", "devices". */
  readonly unit: string;
  /** One value per repetition. */
  readonly samples: readonly number[];
  readonly baseline?: BenchBaseline;
  readonly target?: BenchTarget;
  /** What limits the figure (the profile's finding), one line; required when a target is not met. */
  readonly limitedBy?: string;
  readonly notes?: readonly string[];
}

export interface WorkloadResult {
  readonly workload: string;
  readonly measurements: readonly BenchMeasurement[];
  /** Free-form facts worth keeping with the table: load-generator CPU, zero-loss oracle outcome, sizes used. */
  readonly facts: Readonly<Record<string, string | number | boolean>>;
}

export interface Workload {
  readonly name: string;
  run(options: BenchOptions): Promise<WorkloadResult>;
}
