import { describe, expect, it } from 'vitest';
import { bp, engineFor, feed, HOUR, MINUTE, raised, reading, summary, T0 } from './rules-fixtures.ts';

/** A full set of normal NEWS2 observations at `at` (aggregate 0 on scale 1). */
function normalSet(at: number, overrides: Partial<Record<'rr' | 'spo2' | 'sbp' | 'hr' | 'temp', number>> = {}, onOxygen?: boolean) {
  return [
    reading('respiratory_rate', at, overrides.rr ?? 16),
    reading('spo2', at, overrides.spo2 ?? 97, onOxygen === undefined ? {} : { onOxygen }),
    reading('blood_pressure', at, bp(overrides.sbp ?? 125, 80)),
    reading('heart_rate', at, overrides.hr ?? 70),
    reading('body_temperature', at, overrides.temp ?? 36.8),
  ];
}

describe('news2()', () => {
  it('is partial and says what is missing; consciousness comes only from a recorded observation', () => {
    const engine = engineFor();
    engine.ingest(normalSet(T0), T0 + 1000);
    const result = engine.news2('p1', T0 + MINUTE);
    expect(result).toMatchObject({ score: 0, risk: 'low', partial: true, missing: ['consciousness'], scale: 1 });
    engine.recordConsciousness('p1', 'A', T0 + 30_000, T0 + MINUTE);
    expect(engine.news2('p1', T0 + MINUTE)).toMatchObject({ score: 0, partial: false, missing: [] });
  });

  it('never scores a missing parameter as normal: a stale reading drops out of the window', () => {
    const engine = engineFor();
    engine.ingest(normalSet(T0), T0);
    engine.ingest([reading('heart_rate', T0 + 2 * HOUR, 72)], T0 + 2 * HOUR);
    const result = engine.news2('p1', T0 + 2 * HOUR);
    expect(result.partial).toBe(true);
    expect(result.missing).toEqual(['respiratory_rate', 'spo2', 'air_or_oxygen', 'systolic_bp', 'consciousness', 'temperature']);
    expect(result.parameters.find((p) => p.name === 'spo2')).toEqual({ name: 'spo2', value: null, score: null, at: null });
  });

  it('an unknown patient has every parameter missing', () => {
    expect(engineFor().news2('nobody', T0)).toMatchObject({
      score: 0,
      partial: true,
      missing: expect.arrayContaining(['pulse']) as unknown,
    });
  });

  it.each([
    // [description, readings overrides, consciousness, score, risk]
    ['all normal', {}, 'A', 0, 'low'],
    ['aggregate 4', { rr: 22, hr: 95, temp: 38.5 }, 'A', 4, 'low'],
    ['single parameter 3 (RR 26)', { rr: 26 }, 'A', 3, 'low-medium'],
    ['new confusion alone', {}, 'C', 3, 'low-medium'],
    ['aggregate 5', { rr: 22, spo2: 94, sbp: 105, hr: 95 }, 'A', 5, 'medium'],
    ['aggregate 6', { rr: 22, spo2: 93, sbp: 105, hr: 95 }, 'A', 6, 'medium'],
    ['aggregate 7', { rr: 22, spo2: 93, sbp: 100, hr: 95 }, 'A', 7, 'high'],
    ['aggregate 13', { rr: 26, spo2: 90, sbp: 88, hr: 135, temp: 39.5 }, 'A', 14, 'high'],
  ] as const)('%s → %s', (_label, values, consciousness, score, risk) => {
    const engine = engineFor();
    engine.ingest(normalSet(T0, values), T0);
    engine.recordConsciousness('p1', consciousness, T0, T0);
    expect(engine.news2('p1', T0 + MINUTE)).toMatchObject({ score, risk, partial: false });
  });

  it.each([
    // [target, spo2, onOxygen, spo2 score, air/oxygen score]
    ['94-98', 90, false, 3, 0],
    ['94-98', 97, true, 0, 2],
    ['88-92', 90, false, 0, 0],
    ['88-92', 95, false, 0, 0], // ≥93 on air
    ['88-92', 95, true, 2, 2], // 95–96 on oxygen
    ['88-92', 97, true, 3, 2], // ≥97 on oxygen
    ['88-92', 84, false, 2, 0],
  ] as const)('SpO2 target %s: %d %% (oxygen %s) scores %d plus %d for air/oxygen', (spo2Target, spo2, onOxygen, spo2Score, airScore) => {
    const engine = engineFor({ spo2Target });
    engine.ingest(normalSet(T0, { spo2 }, onOxygen), T0);
    const result = engine.news2('p1', T0);
    expect(result.scale).toBe(spo2Target === '88-92' ? 2 : 1);
    expect(result.parameters.find((p) => p.name === 'spo2')?.score).toBe(spo2Score);
    expect(result.parameters.find((p) => p.name === 'air_or_oxygen')).toMatchObject({
      value: onOxygen ? 'oxygen' : 'air',
      score: airScore,
    });
  });

  it('an SpO2 reading that does not say takes the patient to be on air (docs/clinical-rules.md)', () => {
    const engine = engineFor();
    engine.ingest([reading('spo2', T0, 97)], T0);
    expect(engine.news2('p1', T0).parameters.find((p) => p.name === 'air_or_oxygen')).toMatchObject({ value: 'air', score: 0 });
  });

  it('takes pulse from a blood-pressure reading when it is the latest', () => {
    const engine = engineFor();
    engine.ingest(
      [reading('heart_rate', T0, 70), reading('blood_pressure', T0 + MINUTE, { systolic: 120, diastolic: 80, pulse: 135 })],
      T0 + MINUTE,
    );
    expect(engine.news2('p1', T0 + MINUTE).parameters.find((p) => p.name === 'pulse')).toMatchObject({ value: 135, score: 3 });
  });
});

describe('NEWS2 alerts (news2_general)', () => {
  it('raises news2_medium for a single parameter scoring 3, with the score in params', () => {
    const engine = engineFor();
    const events = engine.ingest(normalSet(T0, { rr: 26 }), T0 + 1000);
    expect(summary(events)).toEqual(['raise:news2_medium']);
    expect(raised(events)[0]).toMatchObject({
      priority: 'medium',
      readingType: 'news2',
      params: { score: 3, singleParameter3: 1, missingParameters: 1 },
    });
  });

  it('raises news2_medium at 5, escalates to news2_high at 7 (clearing medium), and steps back down', () => {
    const engine = engineFor();
    expect(summary(engine.ingest(normalSet(T0, { rr: 22, spo2: 94, sbp: 105, hr: 95 }), T0))).toEqual(['raise:news2_medium']);
    expect(summary(feed(engine, [reading('blood_pressure', T0 + 10 * MINUTE, bp(90, 60))]))).toEqual([
      'raise:news2_high',
      'clear:news2_medium',
    ]);
    const down = feed(engine, [reading('blood_pressure', T0 + 20 * MINUTE, bp(105, 70))]);
    expect(summary(down)).toEqual(['clear:news2_high', 'raise:news2_medium']);
    expect(raised(engine.ingest(normalSet(T0 + 30 * MINUTE), T0 + 30 * MINUTE)).length).toBe(0);
    expect(engine.news2('p1', T0 + 30 * MINUTE).score).toBe(0);
  });

  it('does not clear because observations stopped arriving (the score would only look lower)', () => {
    const engine = engineFor();
    engine.ingest(normalSet(T0, { rr: 22, spo2: 93, sbp: 100, hr: 95 }), T0);
    // an hour and a half later only a normal pulse arrives: the other parameters have dropped out of the window
    expect(summary(feed(engine, [reading('heart_rate', T0 + 90 * MINUTE, 70)]))).toEqual([]);
    // a full normal set clears
    expect(summary(engine.ingest(normalSet(T0 + 100 * MINUTE), T0 + 100 * MINUTE))).toEqual(['clear:news2_high']);
  });

  it('a recorded change in consciousness raises; the next observation of Alert clears', () => {
    const engine = engineFor();
    engine.ingest(normalSet(T0), T0);
    expect(summary(engine.recordConsciousness('p1', 'V', T0 + MINUTE, T0 + MINUTE))).toEqual(['raise:news2_medium']);
    expect(summary(engine.recordConsciousness('p1', 'A', T0 + 5 * MINUTE, T0 + 5 * MINUTE))).toEqual(['clear:news2_medium']);
  });

  it('on scale 2 a COPD patient at 89 % on air raises nothing', () => {
    const engine = engineFor({ spo2Target: '88-92' });
    expect(engine.ingest(normalSet(T0, { spo2: 89 }), T0)).toEqual([]);
  });

  it('repeats a raise for an active alert only when the score got worse', () => {
    const engine = engineFor();
    engine.ingest(normalSet(T0, { rr: 22, spo2: 93, sbp: 100, hr: 95 }), T0);
    expect(engine.ingest(normalSet(T0 + 10 * MINUTE, { rr: 22, spo2: 93, sbp: 100, hr: 95 }), T0 + 10 * MINUTE)).toEqual([]);
    const worse = engine.ingest(normalSet(T0 + 20 * MINUTE, { rr: 26, spo2: 93, sbp: 100, hr: 95 }), T0 + 20 * MINUTE);
    expect(raised(worse).map((t) => [t.ruleId, t.params['score']])).toEqual([['news2_high', 8]]);
  });
});
