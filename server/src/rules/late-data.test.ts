import type { AcceptedReading } from '@rpm/contracts';
import { describe, expect, it } from 'vitest';
import { engineFor, HOUR, MINUTE, raised, reading, summary, T0 } from './rules-fixtures.ts';

describe('late data and backlogs', () => {
  it('a backlog of 500 stale abnormal readings gives ONE raise per patient and rule, backfilled, with the count', () => {
    const engine = engineFor({ programmes: ['copd'] });
    const now = T0 + 12 * HOUR;
    const backlog = Array.from({ length: 500 }, (_, i) => reading('spo2', T0 + i * MINUTE, 93 - (i % 2), { receivedAt: now }));
    const events = engine.ingest(backlog, now);
    expect(summary(events)).toEqual(['raise:spo2_below_target']);
    expect(raised(events)[0]).toMatchObject({ readingsCount: 500, backfilled: true, params: { value: 92, limit: 94 } });
    const trigger = raised(events)[0]!;
    expect(trigger.dataAgeMs).toBe(now - trigger.measuredAt);
    expect(trigger.receivedAt - trigger.measuredAt).toBeGreaterThan(15 * MINUTE);
  });

  it('a backlog of two patients mixed gives one raise each', () => {
    const engine = engineFor({ programmes: ['kidney_transplant'] });
    engine.setProfile({ patientId: 'p2', programmes: ['kidney_transplant'], overrides: [] });
    const now = T0 + 10 * HOUR;
    const mixed = Array.from({ length: 200 }, (_, i) =>
      reading('body_temperature', T0 + Math.floor(i / 2) * MINUTE, 38.5, { patientId: i % 2 === 0 ? 'p1' : 'p2', receivedAt: now }),
    );
    const events = engine.ingest(mixed, now);
    expect(raised(events).map((t) => [t.patientId, t.ruleId, t.readingsCount, t.backfilled])).toEqual([
      ['p1', 'fever', 100, true],
      ['p2', 'fever', 100, true],
    ]);
  });

  it('an episode inside a backlog that ended before its last reading is raised and cleared, never silently dropped', () => {
    const engine = engineFor({ programmes: ['kidney_transplant'] });
    const now = T0 + 10 * HOUR;
    const events = engine.ingest(
      [38.4, 38.6, 37.2].map((v, i) => reading('body_temperature', T0 + i * HOUR, v, { receivedAt: now })),
      now,
    );
    expect(summary(events)).toEqual(['raise:fever', 'clear:fever']);
    expect(raised(events)[0]).toMatchObject({ backfilled: true, readingsCount: 2, params: { value: 38.6 } });
  });

  it('fresh readings are not backfilled', () => {
    const engine = engineFor({ programmes: ['kidney_transplant'] });
    const events = engine.ingest([reading('body_temperature', T0, 38.4)], T0 + 5000);
    expect(raised(events)[0]).toMatchObject({ backfilled: false, dataAgeMs: 5000 });
  });

  it('sorts each patient’s readings by measurement time within a batch', () => {
    const engine = engineFor({ programmes: ['kidney_transplant'] });
    const events = engine.ingest([reading('body_temperature', T0 + HOUR, 37.0), reading('body_temperature', T0, 38.5)], T0 + HOUR);
    expect(summary(events)).toEqual(['raise:fever', 'clear:fever']);
  });

  it('a reading measured before the latest one cannot un-raise the newer state', () => {
    const engine = engineFor({ programmes: ['kidney_transplant'] });
    engine.ingest([reading('body_temperature', T0 + HOUR, 38.5)], T0 + HOUR);
    expect(engine.ingest([reading('body_temperature', T0, 36.5, { receivedAt: T0 + 2 * HOUR })], T0 + 2 * HOUR)).toEqual([]);
    // the alert is still active: a newer normal reading is what clears it
    expect(summary(engine.ingest([reading('body_temperature', T0 + 3 * HOUR, 37.0)], T0 + 3 * HOUR))).toEqual(['clear:fever']);
  });

  it('an old abnormal reading after a newer normal one is reported as an ended episode (raise, then clear)', () => {
    const engine = engineFor({ programmes: ['kidney_transplant'] });
    engine.ingest([reading('body_temperature', T0 + HOUR, 36.8)], T0 + HOUR);
    const late: AcceptedReading = reading('body_temperature', T0, 38.9, { receivedAt: T0 + 2 * HOUR });
    const events = engine.ingest([late], T0 + 2 * HOUR);
    expect(summary(events)).toEqual(['raise:fever', 'clear:fever']);
    expect(raised(events)[0]).toMatchObject({ backfilled: true, measuredAt: T0, dataAgeMs: 2 * HOUR });
  });

  it('late abnormal readings join an open alert’s count without a new raise', () => {
    const engine = engineFor({ programmes: ['kidney_transplant'] });
    engine.ingest([reading('body_temperature', T0 + HOUR, 38.5)], T0 + HOUR);
    expect(engine.ingest([reading('body_temperature', T0, 38.2, { receivedAt: T0 + 2 * HOUR })], T0 + 2 * HOUR)).toEqual([]);
    const worse = engine.ingest([reading('body_temperature', T0 + 3 * HOUR, 39.0)], T0 + 3 * HOUR);
    expect(raised(worse)[0]).toMatchObject({ readingsCount: 3, params: { value: 39.0 } });
  });
});
