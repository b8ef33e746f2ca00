import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workload } from './bench-types.ts';
import { runWorkloads } from './run-workloads.ts';

const dirs: string[] = [];
const ok = (name: string, value: number): Workload => ({
  name,
  async run(o) {
    dirs.push(o.workDir);
    await writeFile(join(o.workDir, 'scratch'), 'x');
    return {
      workload: name,
      measurements: [{ metric: 'm', unit: 'u', samples: [value, value + 2], target: { op: '>=', value: 1, text: '≥ 1' } }],
      facts: {},
    };
  },
});
const broken: Workload = {
  name: 'broken',
  run(o) {
    dirs.push(o.workDir);
    return Promise.reject(new Error('influxd did not start\nat …'));
  },
};

describe('runWorkloads', () => {
  it('goes on after a workload that throws, reports it failed, and removes every work directory', async () => {
    const lines: string[] = [];
    const out = await runWorkloads([ok('a', 1), broken, ok('c', 5)], {
      quick: true,
      repetitions: 2,
      only: undefined,
      log: (l) => lines.push(l),
    });
    expect(out.rows.map((r) => [r.workload, r.verdict])).toEqual([
      ['a', 'met'],
      ['broken', 'failed'],
      ['c', 'met'],
    ]);
    expect(out.failed).toEqual([{ workload: 'broken', error: 'influxd did not start' }]);
    expect(out.results.map((r) => r.workload)).toEqual(['a', 'c']);
    expect(dirs).toHaveLength(3);
    for (const dir of dirs) expect(existsSync(dir)).toBe(false);
    expect(lines.some((l) => l.startsWith('broken: FAILED'))).toBe(true);
  });

  it('runs only the workloads asked for', async () => {
    const out = await runWorkloads([ok('a', 1), broken, ok('c', 5)], { quick: false, repetitions: 1, only: ['c'], log: () => undefined });
    expect(out.rows.map((r) => r.workload)).toEqual(['c']);
    expect(out.failed).toEqual([]);
  });
});
