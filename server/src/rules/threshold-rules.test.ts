import { describe, expect, it } from 'vitest';
import { bp, engineFor, feed, HOUR, MINUTE, raised, reading, summary, T0 } from './rules-fixtures.ts';
import type { ProgrammeId } from './types.ts';

describe('fever: threshold with a separate clear condition, per programme', () => {
  it.each([
    // [programme, last value that does not raise, first value that raises] — REFERENCE.md §2
    ['kidney_transplant', 37.7, 37.8], // OHSU ≥37.8 °C
    ['liver_transplant', 38.0, 38.1], // Vidant >38 °C
    ['heart_transplant', 38.1, 38.2], // Allina >38.1 °C
  ] as [ProgrammeId, number, number][])('%s: %d °C is quiet, %d °C raises', (programme, quiet, raises) => {
    const engine = engineFor({ programmes: [programme] });
    expect(summary(feed(engine, [reading('body_temperature', T0, quiet)]))).toEqual([]);
    const events = feed(engine, [reading('body_temperature', T0 + HOUR, raises)]);
    expect(summary(events)).toEqual(['raise:fever']);
    expect(raised(events)[0]).toMatchObject({
      priority: 'medium',
      readingType: 'body_temperature',
      params: { value: raises },
      readingsCount: 1,
      backfilled: false,
    });
  });

  it.each([
    // [after a fever, readings, expected events] — clears only below 37.5 °C (hysteresis)
    ['stays above the clear limit', [37.9, 37.6, 37.5], []],
    ['drops below it', [37.6, 37.4], ['clear:fever']],
    ['rises again after clearing', [37.4, 37.9], ['clear:fever', 'raise:fever']],
  ] as [string, number[], string[]][])('kidney fever %s', (_label, values, expected) => {
    const engine = engineFor({ programmes: ['kidney_transplant'] });
    feed(engine, [reading('body_temperature', T0, 38.2)]);
    const events = feed(
      engine,
      values.map((v, i) => reading('body_temperature', T0 + (i + 1) * HOUR, v)),
    );
    expect(summary(events)).toEqual(expected);
  });

  it('a patient in two programmes gets the more protective fever limit (kidney 37.8 over liver 38.0)', () => {
    const engine = engineFor({ programmes: ['liver_transplant', 'kidney_transplant'] });
    expect(engine.thresholds('p1').find((t) => t.ruleId === 'fever' && t.param === 'limit')?.value).toBe(37.8);
    expect(summary(feed(engine, [reading('body_temperature', T0, 37.9)]))).toEqual(['raise:fever']);
  });

  it('repeats raise for an active alert only when the value got worse', () => {
    const engine = engineFor({ programmes: ['kidney_transplant'] });
    const events = feed(engine, [
      reading('body_temperature', T0, 38.0),
      reading('body_temperature', T0 + HOUR, 37.9),
      reading('body_temperature', T0 + 2 * HOUR, 38.6),
      reading('body_temperature', T0 + 3 * HOUR, 38.4),
    ]);
    expect(raised(events).map((t) => [t.params['value'], t.readingsCount])).toEqual([
      [38.0, 1],
      [38.6, 3],
    ]);
  });
});

describe('glucose (diabetes): ADA level 1 and level 2 hypoglycaemia', () => {
  it.each([
    [3.9, []],
    [3.8, ['raise:glucose_low_l1']],
    [3.0, ['raise:glucose_low_l1']],
    [2.9, ['raise:glucose_low_l2']],
  ] as [number, string[]][])('%d mmol/L → %j', (value, expected) => {
    const engine = engineFor({ programmes: ['diabetes'] });
    expect(summary(feed(engine, [reading('blood_glucose', T0, value)]))).toEqual(expected);
  });

  it('level 2 supersedes level 1 and both clear at 4.4 mmol/L', () => {
    const engine = engineFor({ programmes: ['diabetes'] });
    const events = feed(engine, [
      reading('blood_glucose', T0, 3.5),
      reading('blood_glucose', T0 + 15 * MINUTE, 2.7),
      reading('blood_glucose', T0 + 30 * MINUTE, 3.5),
      reading('blood_glucose', T0 + 45 * MINUTE, 4.2),
      reading('blood_glucose', T0 + 60 * MINUTE, 4.6),
    ]);
    expect(summary(events)).toEqual(['raise:glucose_low_l1', 'raise:glucose_low_l2', 'clear:glucose_low_l1', 'clear:glucose_low_l2']);
    expect(raised(events)[1]).toMatchObject({ priority: 'high', params: { value: 2.7, limit: 3.0 } });
  });
});

describe('blood pressure', () => {
  it.each([
    // [programme, readings, expected]
    ['hypertension', [bp(185, 100), bp(184, 98)], ['raise:bp_crisis']], // AHA >180: confirmed by a second reading
    ['hypertension', [bp(180, 120)], []], // not above 180/120
    ['hypertension', [bp(150, 125), bp(150, 122)], ['raise:bp_crisis']], // diastolic alone
    ['kidney_transplant', [bp(131, 78), bp(128, 81), bp(135, 70)], ['raise:bp_above_target']], // KDIGO <130/80, 3 readings
    ['kidney_transplant', [bp(131, 78), bp(125, 75), bp(135, 70), bp(131, 70)], []], // not consecutive
    ['hypertension', [bp(136, 80), bp(130, 86), bp(140, 90)], ['raise:bp_elevated_home']], // Hypertension Canada ≥135/85
    ['heart_failure', [bp(98, 60), bp(96, 60)], ['raise:bp_low']], // NEWS2 systolic ≤100
  ] as [ProgrammeId, ReturnType<typeof bp>[], string[]][])('%s %j → %j', (programme, values, expected) => {
    const engine = engineFor({ programmes: [programme] });
    const events = feed(
      engine,
      values.map((v, i) => reading('blood_pressure', T0 + i * 10 * MINUTE, v)),
    );
    expect(summary(events)).toEqual(expected);
  });

  it('a crisis supersedes elevated home BP; after the crisis, elevated BP is confirmed afresh', () => {
    const engine = engineFor({ programmes: ['hypertension'] });
    const at = (i: number): number => T0 + i * 10 * MINUTE;
    const events = feed(engine, [
      reading('blood_pressure', at(0), bp(140, 88)),
      reading('blood_pressure', at(1), bp(142, 88)),
      reading('blood_pressure', at(2), bp(145, 90)),
      reading('blood_pressure', at(3), bp(190, 110)),
      reading('blood_pressure', at(4), bp(192, 112)),
      reading('blood_pressure', at(5), bp(150, 92)),
      reading('blood_pressure', at(6), bp(148, 90)),
      reading('blood_pressure', at(7), bp(146, 88)),
      reading('blood_pressure', at(8), bp(125, 78)),
    ]);
    expect(summary(events)).toEqual([
      'raise:bp_elevated_home',
      'raise:bp_elevated_home', // update: 190/110 is worse (the crisis is not confirmed yet)
      'raise:bp_crisis',
      'clear:bp_elevated_home',
      'clear:bp_crisis',
      'raise:bp_elevated_home',
      'clear:bp_elevated_home',
    ]);
    expect(raised(events)[2]).toMatchObject({ params: { systolic: 192, diastolic: 112, systolicLimit: 180, diastolicLimit: 120 } });
  });
});

describe('per-patient overrides', () => {
  it('an override replaces the default and is shown as overridden beside it', () => {
    const engine = engineFor({ programmes: ['kidney_transplant'], overrides: [{ ruleId: 'fever', param: 'limit', value: 38.3 }] });
    expect(engine.thresholds('p1').find((t) => t.ruleId === 'fever' && t.param === 'limit')).toMatchObject({
      value: 38.3,
      defaultValue: 37.8,
      overridden: true,
      unit: 'Cel',
    });
    expect(summary(feed(engine, [reading('body_temperature', T0, 38.2)]))).toEqual([]);
    expect(summary(feed(engine, [reading('body_temperature', T0 + HOUR, 38.3)]))).toEqual(['raise:fever']);
  });

  it('a raise limit overridden below the clear limit cannot make the alert flap', () => {
    const engine = engineFor({ programmes: ['kidney_transplant'], overrides: [{ ruleId: 'fever', param: 'limit', value: 37.2 }] });
    const events = feed(engine, [reading('body_temperature', T0, 37.3), reading('body_temperature', T0 + HOUR, 37.3)]);
    expect(summary(events)).toEqual(['raise:fever']);
  });

  it('changing the programmes clears the alerts of rules that no longer apply', () => {
    const engine = engineFor({ programmes: ['kidney_transplant'] });
    feed(engine, [reading('body_temperature', T0, 38.5)]);
    const events = engine.setProfile({ patientId: 'p1', programmes: ['heart_failure'], overrides: [] });
    expect(summary(events)).toEqual(['clear:fever']);
    expect(events[0]).toMatchObject({ detail: "rule no longer applies to the patient's programmes" });
    // a rule that still applies keeps its state: no second raise for the same episode
    const again = engineFor({ programmes: ['kidney_transplant'] });
    feed(again, [reading('blood_pressure', T0, bp(190, 100)), reading('blood_pressure', T0 + MINUTE, bp(190, 100))]);
    expect(summary(again.setProfile({ patientId: 'p1', programmes: ['kidney_transplant', 'heart_failure'], overrides: [] }))).toEqual([]);
    expect(summary(feed(again, [reading('blood_pressure', T0 + 2 * MINUTE, bp(185, 100))]))).toEqual([]);
  });
});
