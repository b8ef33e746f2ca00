// `npm run bench` (issue #8): every workload beside its baselines, in one run, one at a time, then one table.
//
//   node test/bench/suite/run-bench.ts [--quick] [--only ingest,alert-latency] [--repetitions N] [--json path]
//
// Progress goes to stderr, the table to stdout. The JSON goes to --json, or by default to
// bench-results/<ISO date>-<short commit>.json and docs/benchmarks/latest.{json,md}. A workload that throws is
// reported as failed and the others still run; the exit code is then 1.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { describeRun, gitState, machineInfo, type RunInfo } from './report/machine-info.ts';
import { parseBenchArgs } from './report/parse-bench-args.ts';
import { formatTable } from './report/format-table.ts';
import type { SummaryRow } from './report/summarise.ts';
import { runWorkloads } from './run-workloads.ts';
import type { WorkloadResult } from './bench-types.ts';
import { workloads } from './workloads.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface BenchReport {
  readonly run: RunInfo;
  readonly rows: readonly SummaryRow[];
  readonly results: readonly WorkloadResult[];
  readonly failed: readonly { workload: string; error: string }[];
}

async function main(): Promise<number> {
  const args = parseBenchArgs(
    process.argv.slice(2),
    workloads.map((w) => w.name),
  );
  const { commit, dirty } = gitState(ROOT);
  const run: RunInfo = {
    date: new Date().toISOString(),
    commit,
    dirty,
    quick: args.quick,
    repetitions: args.repetitions,
    machine: machineInfo(),
  };
  const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
  log(describeRun(run));

  const { rows, results, failed } = await runWorkloads(workloads, {
    quick: args.quick,
    repetitions: args.repetitions,
    only: args.only,
    log,
  });

  const table = formatTable(rows);
  process.stdout.write(`\n${describeRun(run)}\n\n${table}\n`);
  await writeReport({ run, rows, results, failed }, table, args.json);
  return failed.length > 0 ? 1 : 0;
}

async function writeReport(report: BenchReport, table: string, jsonPath: string | undefined): Promise<void> {
  // NaN (a failed workload's figures) is not JSON: written as null
  const json = `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
  const targets =
    jsonPath !== undefined
      ? [jsonPath]
      : [
          join(ROOT, 'bench-results', `${report.run.date.replace(/[:.]/g, '-')}-${report.run.commit}.json`),
          join(ROOT, 'docs', 'benchmarks', 'latest.json'),
        ];
  for (const path of targets) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, json);
    process.stderr.write(`[bench] wrote ${path}\n`);
  }
  if (jsonPath === undefined) {
    const md = join(ROOT, 'docs', 'benchmarks', 'latest.md');
    await writeFile(md, `# Latest \`npm run bench\`\n\n${describeRun(report.run)}\n\n${table}\n`);
    process.stderr.write(`[bench] wrote ${md}\n`);
  }
}

process.exitCode = await main();
