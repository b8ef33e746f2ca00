import type { VitalPoint } from '@rpm/contracts';
import { describe, expect, it } from 'vitest';
import { axisLabelKind, TREND_RANGE_MS, trendData, trendStats } from './trend-data.ts';

const at = (minute: number): string => new Date(Date.UTC(2025, 10, 23, 9, minute)).toISOString();
const base = { unit: '', deviceId: 'd1' };

describe('trendData', () => {
  it('one column per series, oldest first, x in seconds, other types left out', () => {
    const readings: VitalPoint[] = [
      { ...base, type: 'spo2', at: at(5), value: 93 },
      { ...base, type: 'heart_rate', at: at(1), value: 70 },
      { ...base, type: 'spo2', at: at(0), value: 95 },
    ];
    expect(trendData(readings, 'spo2')).toEqual({ x: [Date.parse(at(0)) / 1000, Date.parse(at(5)) / 1000], series: [[95, 93]] });
  });

  it('blood pressure: systolic and diastolic', () => {
    const readings: VitalPoint[] = [{ ...base, type: 'blood_pressure', at: at(0), systolic: 140, diastolic: 90 }];
    expect(trendData(readings, 'blood_pressure').series).toEqual([[140], [90]]);
  });
});

describe('trendStats', () => {
  it('summarises the first series, ignoring gaps', () => {
    expect(trendStats({ x: [1, 2, 3], series: [[95, null, 90]] })).toEqual({ count: 2, min: 90, max: 95, latest: 90 });
  });

  it('nothing to summarise', () => {
    expect(trendStats({ x: [], series: [[]] })).toBeUndefined();
  });
});

describe('axisLabelKind', () => {
  it.each([
    { range: '24h', expected: 'time' },
    { range: '7d', expected: 'date' },
    { range: '30d', expected: 'date' },
  ] as const)('$range → $expected', ({ range, expected }) => {
    expect(axisLabelKind(TREND_RANGE_MS[range])).toBe(expected);
  });
});
