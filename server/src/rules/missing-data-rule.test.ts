import { describe, expect, it } from 'vitest';
import { bp, engineFor, HOUR, raised, reading, summary, T0, type ReadingKind, type Value } from './rules-fixtures.ts';
import type { ProgrammeId, RuleEvent } from './types.ts';

describe('missing data: no reading of a type for longer than the programme expects', () => {
  it.each([
    // [programme, type, a normal value, alert after hours] — daily → 36 h, twice daily → 18 h (1.5 × the interval)
    ['kidney_transplant', 'blood_pressure', bp(120, 75), 18],
    ['kidney_transplant', 'body_weight', 70, 36],
    ['kidney_transplant', 'body_temperature', 36.7, 36],
    ['liver_transplant', 'body_weight', 70, 36],
    ['heart_transplant', 'blood_pressure', bp(120, 75), 36],
    ['heart_failure', 'body_weight', 80, 36],
    ['hypertension', 'blood_pressure', bp(125, 80), 36],
    ['copd', 'spo2', 96, 36],
    ['diabetes', 'blood_glucose', 6, 36],
  ] as [ProgrammeId, ReadingKind, Value, number][])('%s: missing_%s (normal value %j) after %d h', (programme, type, value, hours) => {
    const mine = (events: RuleEvent[]): string[] => summary(events).filter((s) => s.endsWith(`:missing_${type}`));
    const engine = engineFor({ programmes: [programme] });
    engine.ingest([reading(type, T0, value)], T0);
    expect(mine(engine.tick(T0 + hours * HOUR))).toEqual([]);
    const events = engine.tick(T0 + hours * HOUR + 1);
    expect(mine(events)).toEqual([`raise:missing_${type}`]);
    const trigger = raised(events).find((t) => t.ruleId === `missing_${type}`);
    expect(trigger).toMatchObject({ priority: 'low', readingType: type, measuredAt: T0, params: { maxGapHours: hours } });
    // raised once, not on every tick
    expect(mine(engine.tick(T0 + (hours + 5) * HOUR))).toEqual([]);
    // a fresh reading clears it
    const now = T0 + (hours + 6) * HOUR;
    expect(mine(engine.ingest([reading(type, now - 1000, value)], now))).toEqual([`clear:missing_${type}`]);
  });

  it('news2_general expects no cadence: a quiet patient raises nothing', () => {
    const engine = engineFor();
    engine.ingest([reading('heart_rate', T0, 70)], T0);
    expect(engine.tick(T0 + 30 * 24 * HOUR)).toEqual([]);
  });

  it('a type never measured counts from the first reading of any type', () => {
    const engine = engineFor({ programmes: ['heart_failure'] });
    engine.ingest([reading('body_weight', T0, 80)], T0);
    expect(summary(engine.tick(T0 + 36 * HOUR + 1))).toEqual(['raise:missing_body_weight', 'raise:missing_blood_pressure']);
  });

  it('a first reading already older than the allowed gap is due at the next tick, not a full gap later', () => {
    const engine = engineFor({ programmes: ['heart_failure'] });
    // monitoring starts now with a weight measured 40 h ago (the scale's last upload)
    const now = T0 + 40 * HOUR;
    engine.ingest([reading('body_weight', T0, 80, { receivedAt: now })], now);
    expect(summary(engine.tick(now + 1)).filter((s) => s.endsWith('missing_body_weight'))).toEqual(['raise:missing_body_weight']);
  });

  it('an old backlog does not end the gap; only a recent reading does', () => {
    const engine = engineFor({ programmes: ['heart_failure'] });
    engine.ingest([reading('body_weight', T0, 80), reading('blood_pressure', T0, bp(120, 70))], T0);
    engine.tick(T0 + 40 * HOUR);
    const now = T0 + 80 * HOUR;
    const backlog = engine.ingest([reading('body_weight', T0 + 24 * HOUR, 80, { receivedAt: now })], now);
    expect(summary(backlog)).toEqual([]);
  });

  it('is kept apart from device_offline', () => {
    const engine = engineFor({ programmes: ['copd'] });
    engine.ingest([reading('spo2', T0, 96)], T0);
    expect(summary(engine.deviceStatus('p1', 'dev-1', { online: false }, T0 + HOUR))).toEqual(['raise:device_offline']);
    expect(summary(engine.tick(T0 + 37 * HOUR))).toEqual(['raise:missing_spo2']);
  });
});
