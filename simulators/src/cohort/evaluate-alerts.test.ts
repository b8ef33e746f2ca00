import { describe, expect, it } from 'vitest';
import { evaluateAlerts, ruleMatches, type AlertLike } from './evaluate-alerts.ts';
import type { TruthRecord } from './ground-truth.ts';

const H = 3_600_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');
const at = (hours: number): string => new Date(T0 + hours * H).toISOString();

const truth: TruthRecord[] = [
  { type: 'run', seed: 1, simStartAt: at(0), speed: 100, days: 4, wallStartAt: at(90) },
  { type: 'patient', patientId: 'p-stable', deviceId: 'd1', index: 0, scenario: 'stable', programme: 'hypertension' },
  { type: 'patient', patientId: 'p-fever1', deviceId: 'd2', index: 1, scenario: 'infection', programme: 'kidney_transplant' },
  { type: 'patient', patientId: 'p-fever2', deviceId: 'd3', index: 2, scenario: 'infection', programme: 'liver_transplant' },
  { type: 'patient', patientId: 'p-offline', deviceId: 'd4', index: 3, scenario: 'device_offline', programme: 'copd' },
  ...(['p-fever1', 'p-fever2'] as const).map((patientId): TruthRecord => ({
    type: 'event',
    patientId,
    deviceId: 'd',
    scenario: 'infection',
    kind: 'clinical',
    programme: 'kidney_transplant',
    onsetAt: at(24),
    onsetWallAt: at(95),
    endAt: at(24 + 84),
    expectedRuleIds: ['fever'],
    relatedRuleIds: ['heart_rate_high'],
  })),
  {
    type: 'event',
    patientId: 'p-offline',
    deviceId: 'd4',
    scenario: 'device_offline',
    kind: 'device',
    programme: 'copd',
    onsetAt: at(30),
    onsetWallAt: at(96),
    endAt: at(60),
    expectedRuleIds: ['device_offline'],
    relatedRuleIds: ['missing_*'],
  },
  { type: 'end', simEndAt: at(96), wallEndAt: at(100) },
];

let n = 0;
const alert = (patientId: string, ruleId: string, measuredH: number, raisedH = 97): AlertLike => ({
  id: `a${++n}`,
  patientId,
  ruleId,
  measuredAt: at(measuredH),
  raisedAt: at(raisedH),
});

describe('evaluateAlerts', () => {
  it.each([
    { rule: 'fever', patterns: ['fever'], matches: true },
    { rule: 'missing_spo2', patterns: ['missing_*'], matches: true },
    { rule: 'fever', patterns: ['missing_*', 'bp_crisis'], matches: false },
    { rule: 'news2_high', patterns: ['news2_*'], matches: true },
  ])('ruleMatches($rule, $patterns) is $matches', ({ rule, patterns, matches }) => {
    expect(ruleMatches(rule, patterns)).toBe(matches);
  });

  const evaluation = evaluateAlerts(truth, [
    alert('p-fever1', 'fever', 30), // detected 6 h after onset (data time)
    alert('p-fever1', 'heart_rate_high', 31), // related: not false
    alert('p-fever1', 'fever', 10), // before the onset: false
    alert('p-fever2', 'bp_crisis', 40), // not what the event explains: false; p-fever2 undetected
    alert('p-stable', 'bp_elevated_home', 50), // on a stable patient: false
    alert('p-offline', 'device_offline', 2, 96.5), // device events match on raise time: 0.5 h
    alert('p-offline', 'missing_spo2', 40, 97), // related
    alert('p-stable', 'device_offline', 96, 100.5), // raised after the run stopped: ignored
    alert('someone-else', 'fever', 30), // not in the cohort: ignored
  ]);
  const infection = evaluation.scenarios.find((s) => s.scenario === 'infection')!;
  const stable = evaluation.scenarios.find((s) => s.scenario === 'stable')!;
  const offline = evaluation.scenarios.find((s) => s.scenario === 'device_offline')!;

  it('counts an event detected by an expected rule after its onset, with the delay on data time', () => {
    expect(infection).toMatchObject({ patients: 2, events: 2, detected: 1, sensitivity: 0.5, delayMedianMs: 6 * H, delayMaxMs: 6 * H });
    expect(offline).toMatchObject({ events: 1, detected: 1, delayMedianMs: 0.5 * H, falseAlerts: 0 });
  });

  it('counts unexplained alerts as false, per patient-day of simulated time', () => {
    expect(infection.falseAlerts).toBe(2);
    expect(infection.falseAlertsByRule).toEqual({ fever: 1, bp_crisis: 1 });
    expect(infection.patientDays).toBeCloseTo(8);
    expect(infection.falseAlertsPerPatientDay).toBeCloseTo(0.25);
    expect(stable).toMatchObject({ events: 0, sensitivity: null, falseAlerts: 1, patientDays: 4 });
  });

  it('ignores alerts of other patients and alerts raised after the run stopped; totals the cohort', () => {
    expect(evaluation.ignoredAlerts).toBe(2);
    expect(evaluation.total).toMatchObject({ patients: 4, events: 3, detected: 2, falseAlerts: 3 });
  });
});
