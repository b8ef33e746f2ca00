import type { Threshold } from '@rpm/contracts';
import { describe, expect, it } from 'vitest';
import { alertFixture } from '../alerts/alert-fixture.ts';
import { chartAlerts, chartLimits } from './chart-limits.ts';

const threshold = (ruleId: string, param: string, value: number, overridden = false): Threshold => ({
  ruleId,
  param,
  value,
  defaultValue: value,
  unit: '%',
  overridden,
  source: 'test',
  override: null,
});

const THRESHOLDS: Threshold[] = [
  threshold('spo2_below_target', 'limit', 94),
  threshold('spo2_below_target', 'clear', 95),
  threshold('spo2_very_low', 'limit', 88, true),
  threshold('heart_rate_high', 'limit', 131),
  threshold('bp_crisis', 'systolicLimit', 180),
  threshold('bp_crisis', 'diastolicLimit', 120),
  threshold('bp_crisis', 'confirmReadings', 2),
  threshold('device_battery_low', 'limit', 20),
  threshold('rule_from_a_newer_server', 'limit', 1),
];

describe('chartLimits', () => {
  it.each([
    { type: 'spo2', expected: ['spo2_very_low/limit below 88 high', 'spo2_below_target/limit below 94 medium'] },
    { type: 'heart_rate', expected: ['heart_rate_high/limit above 131 medium'] },
    { type: 'blood_pressure', expected: ['bp_crisis/diastolicLimit above 120 high', 'bp_crisis/systolicLimit above 180 high'] },
    { type: 'body_weight', expected: [] },
  ] as const)('$type: raise limits only, most urgent first, effective values', ({ type, expected }) => {
    expect(chartLimits(THRESHOLDS, type).map((l) => `${l.ruleId}/${l.param} ${l.direction} ${l.value} ${l.priority}`)).toEqual(expected);
  });

  it('keeps whether the value is the patient’s override', () => {
    expect(chartLimits(THRESHOLDS, 'spo2').map((l) => l.overridden)).toEqual([true, false]);
  });
});

describe('chartAlerts', () => {
  const from = Date.parse('2025-11-23T00:00:00Z');
  const to = Date.parse('2025-11-24T00:00:00Z');
  const alerts = [
    alertFixture(1, { measuredAt: '2025-11-23T12:00:00.000Z', params: { value: 87 } }),
    alertFixture(2, { measuredAt: '2025-11-23T06:00:00.000Z', priority: 'medium' }),
    alertFixture(3, { measuredAt: '2025-11-22T23:59:59.000Z' }),
    alertFixture(4, { readingType: 'heart_rate', measuredAt: '2025-11-23T08:00:00.000Z' }),
    alertFixture(5, { readingType: 'blood_pressure', params: { systolic: 190, diastolic: 125 }, measuredAt: '2025-11-23T09:00:00.000Z' }),
  ];

  it('keeps the vital’s alerts measured in the range, oldest first, at their triggering value', () => {
    expect(chartAlerts(alerts, 'spo2', from, to).map((a) => [a.id.slice(-1), a.priority, a.value])).toEqual([
      ['2', 'medium', 88],
      ['1', 'high', 87],
    ]);
  });

  it('places a blood-pressure alert at its systolic value', () => {
    expect(chartAlerts(alerts, 'blood_pressure', from, to).map((a) => a.value)).toEqual([190]);
  });

  it('has no value for an alert without one (e.g. a missing-data alert)', () => {
    const missing = alertFixture(6, { ruleId: 'missing_spo2', params: {}, measuredAt: '2025-11-23T10:00:00.000Z' });
    expect(chartAlerts([missing], 'spo2', from, to)[0]?.value).toBeNull();
  });
});
