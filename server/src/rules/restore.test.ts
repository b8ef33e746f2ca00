import { describe, expect, it } from 'vitest';
import { ClinicalRulesEngine } from './clinical-rules-engine.ts';
import { HOUR, reading, summary, T0 } from './rules-fixtures.ts';

const profile = { patientId: 'p1', programmes: ['kidney_transplant'], overrides: [] } as const;

describe('restore after a restart', () => {
  it('rebuilds state without events; the open alert is neither raised again nor forgotten', () => {
    const history = [reading('body_temperature', T0, 38.5), reading('body_temperature', T0 + HOUR, 38.6)];
    const engine = new ClinicalRulesEngine();
    engine.setProfile(profile);
    engine.restore('p1', { history, activeRuleIds: ['fever'] }, T0 + 2 * HOUR);
    expect(engine.ingest([reading('body_temperature', T0 + 3 * HOUR, 38.4)], T0 + 3 * HOUR)).toEqual([]);
    expect(summary(engine.ingest([reading('body_temperature', T0 + 4 * HOUR, 37.0)], T0 + 4 * HOUR))).toEqual(['clear:fever']);
  });

  it('an alert open in the database but not explained by the history still clears later', () => {
    const engine = new ClinicalRulesEngine();
    engine.setProfile(profile);
    engine.restore('p1', { history: [], activeRuleIds: ['fever', 'missing_body_weight'] }, T0);
    expect(summary(engine.ingest([reading('body_temperature', T0 + HOUR, 37.0)], T0 + HOUR))).toEqual(['clear:fever']);
    expect(summary(engine.ingest([reading('body_weight', T0 + HOUR, 70)], T0 + HOUR))).toEqual(['clear:missing_body_weight']);
  });

  it('a rule the history shows abnormal but whose alert was resolved in the database is idle', () => {
    const engine = new ClinicalRulesEngine();
    engine.setProfile(profile);
    engine.restore('p1', { history: [reading('body_temperature', T0, 38.5)], activeRuleIds: [] }, T0 + HOUR);
    expect(summary(engine.ingest([reading('body_temperature', T0 + 2 * HOUR, 37.0)], T0 + 2 * HOUR))).toEqual([]);
  });

  it('restores consciousness and the latest readings for NEWS2', () => {
    const engine = new ClinicalRulesEngine();
    engine.restore('p1', { history: [reading('heart_rate', T0, 70)], activeRuleIds: [], consciousness: { value: 'A', at: T0 } }, T0);
    expect(
      engine
        .news2('p1', T0 + 1000)
        .parameters.filter((p) => p.score !== null)
        .map((p) => p.name),
    ).toEqual(['pulse', 'consciousness']);
  });

  it('the missing-data clock runs on from the restored history', () => {
    const engine = new ClinicalRulesEngine();
    engine.setProfile(profile);
    engine.restore(
      'p1',
      {
        history: [
          reading('blood_pressure', T0, { systolic: 120, diastolic: 75 }),
          reading('body_weight', T0, 70),
          reading('body_temperature', T0, 36.8),
        ],
        activeRuleIds: [],
      },
      T0 + HOUR,
    );
    expect(summary(engine.tick(T0 + 18 * HOUR + 1))).toEqual(['raise:missing_blood_pressure']);
  });
});

describe('restore of a NEWS2 alert', () => {
  it('does not clear on a partial score with fewer parameters than the patient had at restore', () => {
    const engine = new ClinicalRulesEngine();
    const at = T0;
    const history = [
      reading('respiratory_rate', at, 26),
      reading('spo2', at, 90),
      reading('blood_pressure', at, { systolic: 95, diastolic: 60 }),
      reading('heart_rate', at, 120),
    ];
    engine.restore('p1', { history, activeRuleIds: ['news2_high'] }, at + 1000);
    // 2 h later only a normal pulse: the rest has dropped out of the window — not a reason to clear
    expect(engine.ingest([reading('heart_rate', at + 2 * HOUR, 70)], at + 2 * HOUR)).toEqual([]);
  });
});
