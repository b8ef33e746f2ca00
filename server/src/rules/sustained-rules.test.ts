import { describe, expect, it } from 'vitest';
import { engineFor, feed, MINUTE, raised, reading, summary, T0 } from './rules-fixtures.ts';

describe('sustained rules: confirm before paging (SpO2, heart rate)', () => {
  it.each([
    // [SpO2 target, readings a second apart, expected] — BTS 2017 target ranges; 2 consecutive readings confirm
    ['94-98', [93], []],
    ['94-98', [93, 93], ['raise:spo2_below_target']],
    ['94-98', [93, 96, 93], []], // not consecutive
    ['94-98', [91, 90], ['raise:spo2_very_low']], // NEWS2 scale 1 ≤91 scores 3: high priority
    ['94-98', [93, 91, 90], ['raise:spo2_below_target', 'raise:spo2_very_low', 'clear:spo2_below_target']],
    ['88-92', [90, 89], []],
    ['88-92', [87, 87], ['raise:spo2_below_target']],
    ['88-92', [83, 82], ['raise:spo2_very_low']], // scale 2 ≤83 scores 3
  ] as const)('target %s: %j → %j', (spo2Target, values, expected) => {
    const engine = engineFor({ programmes: ['copd'], spo2Target });
    const events = feed(
      engine,
      values.map((v, i) => reading('spo2', T0 + i * 1000, v)),
    );
    expect(summary(events)).toEqual(expected);
  });

  it('a single abnormal spot reading not contradicted within the hold time raises on tick', () => {
    const engine = engineFor({ programmes: ['copd'] });
    expect(feed(engine, [reading('spo2', T0, 92)])).toEqual([]);
    expect(engine.tick(T0 + 4 * MINUTE)).toEqual([]);
    const events = engine.tick(T0 + 5 * MINUTE);
    expect(summary(events)).toEqual(['raise:spo2_below_target']);
    expect(raised(events)[0]).toMatchObject({ measuredAt: T0, dataAgeMs: 5 * MINUTE, readingsCount: 1, priority: 'medium' });
  });

  it('a normal re-measurement within the hold time cancels the pending alert', () => {
    const engine = engineFor({ programmes: ['copd'] });
    feed(engine, [reading('spo2', T0, 92), reading('spo2', T0 + 2 * MINUTE, 97)]);
    expect(engine.tick(T0 + 10 * MINUTE)).toEqual([]);
  });

  it('heart rate (heart failure): NEWS2 ≥131 raises after two readings, clears at ≤110', () => {
    const engine = engineFor({ programmes: ['heart_failure'] });
    const events = feed(engine, [
      reading('heart_rate', T0, 135),
      reading('heart_rate', T0 + 1000, 138),
      reading('heart_rate', T0 + 2000, 120),
      reading('heart_rate', T0 + 3000, 105),
    ]);
    expect(summary(events)).toEqual(['raise:heart_rate_high', 'clear:heart_rate_high']);
    expect(raised(events)[0]).toMatchObject({ params: { value: 138, limit: 131 }, readingsCount: 2 });
  });

  it('overrides of the confirmation count apply', () => {
    const engine = engineFor({ programmes: ['copd'], overrides: [{ ruleId: 'spo2_below_target', param: 'confirmReadings', value: 3 }] });
    expect(summary(feed(engine, [reading('spo2', T0, 93), reading('spo2', T0 + 1000, 93)]))).toEqual([]);
    expect(summary(feed(engine, [reading('spo2', T0 + 2000, 93)]))).toEqual(['raise:spo2_below_target']);
  });

  it('tick is cheap and silent when nothing is due', () => {
    const engine = engineFor({ programmes: ['copd'] });
    feed(engine, [reading('spo2', T0, 97)]);
    for (let i = 1; i <= 100; i++) expect(engine.tick(T0 + i * MINUTE)).toEqual([]);
  });
});
