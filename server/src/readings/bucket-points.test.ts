import { describe, expect, it } from 'vitest';
import type { VitalBucket } from '@rpm/contracts';
import { bucketPoints, type SummarisedField } from './bucket-points.ts';

const T0 = Date.UTC(2026, 0, 15, 8, 0, 0);
const MINUTE = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

describe('bucketPoints', () => {
  const rows: { name: string; rows: unknown[][]; fields: SummarisedField[]; widthMs: number; expected: VitalBucket[] }[] = [
    { name: 'no rows, no buckets', rows: [], fields: ['value'], widthMs: MINUTE, expected: [] },
    {
      name: 'edges: the last millisecond stays, the next minute opens a bucket, an empty minute is left out',
      rows: [
        [T0, 60],
        [T0 + MINUTE - 1, 80],
        [T0 + MINUTE, 100],
        [T0 + 3 * MINUTE + 1, 90],
      ],
      fields: ['value'],
      widthMs: MINUTE,
      expected: [
        { start: iso(T0), count: 2, value: { mean: 70, min: 60, max: 80 } },
        { start: iso(T0 + MINUTE), count: 1, value: { mean: 100, min: 100, max: 100 } },
        { start: iso(T0 + 3 * MINUTE), count: 1, value: { mean: 90, min: 90, max: 90 } },
      ],
    },
    {
      name: 'a mid-bucket first row still starts its bucket at the aligned time',
      rows: [[T0 + 7 * MINUTE, 1]],
      fields: ['value'],
      widthMs: 5 * MINUTE,
      expected: [{ start: iso(T0 + 5 * MINUTE), count: 1, value: { mean: 1, min: 1, max: 1 } }],
    },
    {
      name: 'blood pressure: systolic and diastolic each',
      rows: [
        [T0, 120, 80],
        [T0 + 1, 130, 90],
      ],
      fields: ['systolic', 'diastolic'],
      widthMs: MINUTE,
      expected: [{ start: iso(T0), count: 2, systolic: { mean: 125, min: 120, max: 130 }, diastolic: { mean: 85, min: 80, max: 90 } }],
    },
    {
      name: 'rows without the first field are not counted, like count(first) in InfluxQL',
      rows: [
        [T0, null],
        [T0 + MINUTE, null],
        [T0 + MINUTE + 1, 7],
      ],
      fields: ['value'],
      widthMs: MINUTE,
      expected: [{ start: iso(T0 + MINUTE), count: 1, value: { mean: 7, min: 7, max: 7 } }],
    },
  ];
  it.each(rows)('$name', ({ rows: input, fields, widthMs, expected }) => {
    expect(bucketPoints(input, fields, widthMs)).toEqual(expected);
  });
});
