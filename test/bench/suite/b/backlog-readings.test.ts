import { describe, expect, it } from 'vitest';
import { BacklogCursor, backlogReadingCount } from './backlog-readings.ts';

describe('BacklogCursor', () => {
  it('yields every reading of the demo cadence once, in time order, at most 50 a message', () => {
    const ticks = 24 * 720; // one simulated day at a 5 s tick
    const cursor = new BacklogCursor({ startAt: Date.UTC(2026, 0, 1), tickMs: 5_000, ticks, readingsPerMessage: 50 });
    let total = 0;
    let last = '';
    const perType = new Map<string, number>();
    for (let m = cursor.next(); m !== undefined; m = cursor.next()) {
      expect(m.length).toBeGreaterThan(0);
      expect(m.length).toBeLessThanOrEqual(50);
      for (const r of m) {
        expect(r.at >= last).toBe(true);
        last = r.at;
        perType.set(r.type, (perType.get(r.type) ?? 0) + 1);
      }
      total += m.length;
    }
    expect(total).toBe(backlogReadingCount(ticks));
    // demo cadence per day: 17,280 heart rate and SpO2, 5,760 respiratory rate, 1,440 temperature, 288 BP, 144 glucose, 24 weights
    expect(Object.fromEntries(perType)).toEqual({
      heart_rate: 17_280,
      spo2: 17_280,
      respiratory_rate: 5_760,
      body_temperature: 1_440,
      blood_pressure: 288,
      blood_glucose: 144,
      body_weight: 24,
    });
    expect(total).toBe(42_216);
  });
});
