import { describe, expect, it } from 'vitest';
import { DAY, engineFor, feed, HOUR, raised, reading, summary, T0 } from './rules-fixtures.ts';
import type { ProgrammeId } from './types.ts';

/** T0 is 07:00 in Almaty; day d's morning weighing */
const morning = (d: number): number => T0 + d * DAY;

describe('weight gain from morning weights', () => {
  it.each([
    // [programme, weights by day (null = no weighing that morning), expected rule or none] — REFERENCE.md §2
    ['heart_failure', [80, 80.5, 81.2, 82.1], 'weight_gain_3d'], // ESC HFA >2 kg in 3 days (2.1)
    ['heart_failure', [80, 80.5, 81.2, 82.0], null], // exactly 2 kg is not "more than"
    ['heart_failure', [80, null, null, 82.1], 'weight_gain_3d'], // missing days: earliest in the window
    ['heart_failure', [80, 81, 81.5, 81.5, 82.2], null], // 3 days before day 4 is day 1 (81): +1.2
    ['kidney_transplant', [70, 71], 'weight_gain_1d'], // OHSU >0.9 kg in 1 day (1.0)
    ['kidney_transplant', [70, 70.9], null],
    ['kidney_transplant', [70, 70.4, 70.8, 71.1, 71.3, 71.5, 71.7, 71.9], 'weight_gain_7d'], // OHSU >1.8 kg in 7 days
    ['kidney_transplant', [70, null, 71], null], // day 1 missing: no 1-day comparison possible
    ['liver_transplant', [70, 70.9, 71.8], 'weight_gain_2d'], // Vidant ~0.9 kg/day for 2 days
    ['heart_transplant', [90, 91], 'weight_gain_1d'], // Allina >0.9 kg overnight
  ] as [ProgrammeId, (number | null)[], string | null][])('%s %j → %s', (programme, weights, expected) => {
    const engine = engineFor({ programmes: [programme] });
    const readings = weights.flatMap((kg, d) => (kg === null ? [] : [reading('body_weight', morning(d), kg)]));
    const ids = raised(feed(engine, readings)).map((t) => t.ruleId);
    expect(ids).toEqual(expected === null ? [] : [expected]);
  });

  it('says how many days of the window had no morning weight', () => {
    const engine = engineFor({ programmes: ['heart_failure'] });
    const events = feed(engine, [reading('body_weight', morning(0), 80), reading('body_weight', morning(3), 82.5)]);
    expect(raised(events)[0]).toMatchObject({
      ruleId: 'weight_gain_3d',
      priority: 'medium',
      readingType: 'body_weight',
      params: { gainKg: 2.5, limitKg: 2, windowDays: 3, baselineKg: 80, latestKg: 82.5, missingDays: 2 },
    });
  });

  it('uses only the first weighing of each morning (04:00–11:00 Almaty): evening and second weighings are ignored', () => {
    const engine = engineFor({ programmes: ['kidney_transplant'] });
    const events = feed(engine, [
      reading('body_weight', morning(0), 70),
      reading('body_weight', morning(0) + 12 * HOUR, 72), // 19:00
      reading('body_weight', morning(1) - 4 * HOUR, 72), // 03:00: not morning
      reading('body_weight', morning(1), 70.5),
      reading('body_weight', morning(1) + HOUR, 72), // second weighing that morning
    ]);
    expect(events).toEqual([]);
  });

  it('clears when the windowed gain falls to half the limit on a later morning', () => {
    const engine = engineFor({ programmes: ['heart_failure'] });
    const events = feed(engine, [
      reading('body_weight', morning(0), 80),
      reading('body_weight', morning(1), 82.5),
      reading('body_weight', morning(2), 81.5),
      reading('body_weight', morning(3), 80.8),
    ]);
    expect(summary(events)).toEqual(['raise:weight_gain_3d', 'clear:weight_gain_3d']);
  });

  it('a late upload of an earlier morning fills a missing baseline day and can raise', () => {
    const engine = engineFor({ programmes: ['kidney_transplant'] });
    feed(engine, [reading('body_weight', morning(0), 70), reading('body_weight', morning(2), 71.5)]);
    const late = engine.ingest([reading('body_weight', morning(1), 70.4, { receivedAt: morning(2) + HOUR })], morning(2) + HOUR);
    expect(raised(late).map((t) => t.ruleId)).toEqual(['weight_gain_1d']);
    expect(raised(late)[0]).toMatchObject({ params: { gainKg: 1.1, baselineKg: 70.4 } });
  });
});
