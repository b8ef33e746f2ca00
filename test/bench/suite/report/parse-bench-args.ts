import { parseArgs } from 'node:util';

export interface BenchArgs {
  readonly quick: boolean;
  /** workload names to run; undefined = all */
  readonly only: readonly string[] | undefined;
  readonly repetitions: number;
  /** where to write the JSON; undefined = bench-results/<date>-<commit>.json and docs/benchmarks/latest.{json,md} */
  readonly json: string | undefined;
}

/** Quick mode repeats each run twice (a median of two is their mean, with both shown as min–max); full mode five times. */
export const DEFAULT_REPETITIONS = { quick: 2, full: 5 } as const;

export function parseBenchArgs(argv: readonly string[], known: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      repetitions: { type: 'string' },
      json: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const quick = values.quick;
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = only?.filter((name) => !known.includes(name)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown workload(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const repetitions =
    values.repetitions === undefined ? (quick ? DEFAULT_REPETITIONS.quick : DEFAULT_REPETITIONS.full) : Number(values.repetitions);
  if (!Number.isInteger(repetitions) || repetitions < 1)
    throw new Error(`--repetitions must be a positive integer, got ${values.repetitions}`);
  return { quick, only, repetitions, json: values.json };
}
