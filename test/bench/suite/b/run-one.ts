// Runs one of engineer B's workloads alone, outside the runner: node test/bench/suite/b/run-one.ts capacity [--quick]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import type { Workload } from '../bench-types.ts';
import { alertLatency } from '../workloads/alert-latency.ts';
import { backlog } from '../workloads/backlog.ts';
import { capacity } from '../workloads/capacity.ts';

const all: readonly Workload[] = [capacity, alertLatency, backlog];
const name = process.argv[2];
const workload = all.find((w) => w.name === name);
if (workload === undefined) throw new Error(`usage: run-one.ts ${all.map((w) => w.name).join('|')} [--quick]`);
const workDir = await mkdtemp(join(tmpdir(), `rpm-bench-${workload.name}-`));
try {
  const result = await workload.run({
    quick: process.argv.includes('--quick'),
    repetitions: 1,
    workDir,
    log: (line) => void process.stderr.write(`[${workload.name}] ${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await rm(workDir, { recursive: true, force: true });
}
