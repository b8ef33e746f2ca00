import { describe, expect, it } from 'vitest';
import type { VitalsInterval } from '@rpm/contracts';
import { bucketCount, pickInterval } from './vitals-intervals.ts';

const T0 = Date.UTC(2026, 0, 15, 8, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;

describe('bucketCount', () => {
  const rows: { name: string; from: number; to: number; interval: VitalsInterval; expected: number }[] = [
    { name: 'one instant', from: T0, to: T0, interval: '1m', expected: 1 },
    { name: 'both ends included', from: T0, to: T0 + MINUTE, interval: '1m', expected: 2 },
    { name: 'inside one minute', from: T0 + 1, to: T0 + MINUTE - 1, interval: '1m', expected: 1 },
    { name: 'a mid-bucket start opens a whole bucket', from: T0 + 30_000, to: T0 + 5 * MINUTE, interval: '5m', expected: 2 },
    { name: '30 days at 1m', from: T0 - 30 * DAY, to: T0, interval: '1m', expected: 43_201 },
    { name: '30 days at 1d, aligned to UTC days', from: T0 - 30 * DAY, to: T0, interval: '1d', expected: 31 },
  ];
  it.each(rows)('$name', ({ from, to, interval, expected }) => {
    expect(bucketCount(from, to, interval)).toBe(expected);
  });
});

describe('pickInterval', () => {
  const month = { from: T0 - 30 * DAY, to: T0 };
  const rows: { maxPoints: number; expected: VitalsInterval | undefined }[] = [
    { maxPoints: 50_000, expected: '1m' },
    { maxPoints: 43_200, expected: '5m' }, // 1m gives 43,201
    { maxPoints: 8_641, expected: '5m' },
    { maxPoints: 8_640, expected: '15m' },
    { maxPoints: 1_000, expected: '1h' },
    { maxPoints: 721, expected: '1h' },
    { maxPoints: 720, expected: '1d' },
    { maxPoints: 31, expected: '1d' },
    { maxPoints: 30, expected: undefined },
  ];
  it.each(rows)('30 days in at most $maxPoints points: $expected', ({ maxPoints, expected }) => {
    expect(pickInterval(month.from, month.to, maxPoints)).toBe(expected);
  });
});
