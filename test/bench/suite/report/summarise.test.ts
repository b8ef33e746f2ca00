import { describe, expect, it } from 'vitest';
import type { BenchMeasurement } from '../bench-types.ts';
import { evaluateTarget, failedRow, median, minMax, summariseMeasurement } from './summarise.ts';

describe('median and min–max', () => {
  it.each([
    { samples: [], median: Number.NaN },
    { samples: [5], median: 5 },
    { samples: [3, 1, 2], median: 2 },
    { samples: [4, 1, 3, 2], median: 2.5 },
    { samples: [10, 10, 1], median: 10 },
  ])('median of $samples is $median', ({ samples, median: expected }) => {
    expect(median(samples)).toBe(expected);
  });

  it('min–max of unsorted samples, without sorting the input', () => {
    const samples = [7, 2, 9, 4];
    expect(minMax(samples)).toEqual({ min: 2, max: 9 });
    expect(samples).toEqual([7, 2, 9, 4]);
  });
});

describe('evaluateTarget', () => {
  it.each([
    { op: '>=' as const, value: 150_000, median: 150_000, ratio: undefined, met: true },
    { op: '>=' as const, value: 150_000, median: 149_999, ratio: undefined, met: false },
    { op: '<=' as const, value: 50, median: 49.9, ratio: undefined, met: true },
    { op: '<=' as const, value: 50, median: 50.1, ratio: undefined, met: false },
    { op: '<=' as const, value: 50, median: Number.NaN, ratio: undefined, met: false },
  ])('$median $op $value → $met', ({ op, value, median: m, ratio, met }) => {
    expect(evaluateTarget({ op, value, text: '' }, m, ratio)).toBe(met);
  });

  it.each([
    { ratio: 0.6, met: true },
    { ratio: 0.59, met: false },
    { ratio: undefined, met: false },
  ])('ratio target ≥ 0.6 × baseline with ratio $ratio → $met', ({ ratio, met }) => {
    // the median itself (huge) must not be compared with 0.6
    expect(evaluateTarget({ op: '>=', value: 0.6, ofBaseline: true, text: '' }, 1e9, ratio)).toBe(met);
  });
});

describe('summariseMeasurement', () => {
  const ingest: BenchMeasurement = {
    metric: 'ingest msg/s',
    unit: 'msg/s',
    samples: [6_000, 5_000, 7_000],
    baseline: { name: 'mosquitto', samples: [10_000, 12_000, 11_000] },
    target: { op: '>=', value: 0.6, ofBaseline: true, text: '≥ 0.6 × mosquitto' },
    limitedBy: 'spool fsync',
  };

  it('takes medians of both, the ratio of the medians, and marks a ratio target not met', () => {
    const row = summariseMeasurement('ingest', ingest);
    expect(row).toMatchObject({
      median: 6_000,
      min: 5_000,
      max: 7_000,
      baselineMedian: 11_000,
      verdict: 'not met',
      limitedBy: 'spool fsync',
    });
    expect(row.ratio).toBeCloseTo(6 / 11, 10);
  });

  it('marks an absolute target met from the median, not the best sample', () => {
    const row = summariseMeasurement('ingest', {
      metric: 'r',
      unit: 'readings/s',
      samples: [140_000, 151_000, 149_000],
      target: { op: '>=', value: 150_000, text: '' },
    });
    expect(row.verdict).toBe('not met');
    expect(
      summariseMeasurement('ingest', {
        metric: 'r',
        unit: 'readings/s',
        samples: [151_000, 152_000, 1],
        target: { op: '>=', value: 150_000, text: '' },
      }).verdict,
    ).toBe('met');
  });

  it('has no ratio when the baseline median is zero, and no verdict without a target', () => {
    const row = summariseMeasurement('x', { metric: 'm', unit: 'u', samples: [1], baseline: { name: 'b', samples: [0] } });
    expect(row.ratio).toBeUndefined();
    expect(row.verdict).toBe('no target');
  });
});

it('a failed workload keeps the first line of its error', () => {
  expect(failedRow('capacity', new Error('influxd exited\nstack…'))).toMatchObject({
    workload: 'capacity',
    verdict: 'failed',
    error: 'influxd exited',
  });
});
