import { describe, expect, it } from 'vitest';
import type { ScenarioEvaluation } from './evaluate-alerts.ts';
import { formatEvaluation } from './format-evaluation.ts';

const row = (scenario: string, extra: Partial<ScenarioEvaluation> = {}): ScenarioEvaluation => ({
  scenario,
  patients: 2,
  patientDays: 14,
  events: 2,
  detected: 1,
  sensitivity: 0.5,
  delayMedianMs: 6 * 3_600_000,
  delayMaxMs: 6 * 3_600_000,
  falseAlerts: 1,
  falseAlertsPerPatientDay: 1 / 14,
  falseAlertsByRule: { missing_spo2: 1 },
  ...extra,
});

describe('formatEvaluation', () => {
  it('prints one aligned row per scenario and the total last', () => {
    const text = formatEvaluation({
      scenarios: [row('infection'), row('stable', { events: 0, detected: 0, sensitivity: null, delayMedianMs: null, delayMaxMs: null })],
      total: row('all'),
      ignoredAlerts: 3,
    });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^scenario\s+patients\s+pt-days\s+detected\s+sensitivity/);
    expect(lines[2]).toMatch(/^infection\s+2\s+14\.0\s+1\/2\s+50 %\s+6\.0 h\s+6\.0 h\s+1\s+0\.07\s+missing_spo2×1$/);
    expect(lines[3]).toMatch(/^stable\s+2\s+14\.0\s+-\s+-\s+-\s+-/);
    expect(lines[5]).toMatch(/^all\s/);
    expect(text).toContain('3 alerts ignored');
  });
});
