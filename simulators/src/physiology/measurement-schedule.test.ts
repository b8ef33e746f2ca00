import { describe, expect, it } from 'vitest';
import { localHour } from './circadian.ts';
import { sessionsBetween, type MeasurementSchedule } from './measurement-schedule.ts';
import { PROGRAMME_PHYSIOLOGY } from './programme-physiology.ts';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-03-02T00:00:00Z');
const OFFSET = 300;

describe('sessionsBetween', () => {
  const schedule = PROGRAMME_PHYSIOLOGY.kidney_transplant.schedule;

  it('is the same asked at once or tick by tick (a device asks for each tick’s window)', () => {
    const whole = sessionsBetween(schedule, 9, OFFSET, START, START + 3 * DAY_MS);
    const pieces = [];
    for (let t = START; t < START + 3 * DAY_MS; t += 7 * 60_000) pieces.push(...sessionsBetween(schedule, 9, OFFSET, t, t + 7 * 60_000));
    expect(pieces).toEqual(whole);
    expect(sessionsBetween(schedule, 9, OFFSET, START, START + 3 * DAY_MS)).toEqual(whole);
  });

  it.each([
    ['blood_pressure', 2, [7, 9]],
    ['body_weight', 1, [6, 8]],
    ['body_temperature', 2, [7, 9]],
    ['spo2', 9, [6, 24]],
  ] as const)('measures %s %i times a day, the first between %j local', (type, perDay, [from, to]) => {
    const sessions = sessionsBetween(schedule, 11, OFFSET, START, START + 14 * DAY_MS).filter((s) => s.types.includes(type));
    // a few skipped sessions (forgotten) are part of the habit
    expect(sessions.length).toBeGreaterThan(perDay * 14 * 0.9);
    expect(sessions.length).toBeLessThanOrEqual(perDay * 14);
    const firstHours = sessions.map((s) => localHour(s.atMs, OFFSET)).filter((h) => h < to);
    expect(firstHours.every((h) => h >= from)).toBe(true);
  });

  it('weighs inside the rules’ morning window 04:00–11:00 local', () => {
    const weights = sessionsBetween(PROGRAMME_PHYSIOLOGY.heart_failure.schedule, 2, OFFSET, START, START + 30 * DAY_MS).filter((s) =>
      s.types.includes('body_weight'),
    );
    expect(weights.every((s) => localHour(s.atMs, OFFSET) >= 4 && localHour(s.atMs, OFFSET) < 11)).toBe(true);
  });

  it('merges habits due at the same instant into one session, oldest first', () => {
    const together: MeasurementSchedule = [
      { types: ['spo2'], localHours: [10], jitterMinutes: 0 },
      { types: ['heart_rate'], localHours: [10], jitterMinutes: 0 },
    ];
    const sessions = sessionsBetween(together, 1, OFFSET, START, START + 2 * DAY_MS);
    expect(sessions.map((s) => s.types)).toEqual([
      ['spo2', 'heart_rate'],
      ['spo2', 'heart_rate'],
    ]);
    expect(sessions[0]!.atMs).toBeLessThan(sessions[1]!.atMs);
    expect(sessionsBetween(together, 1, OFFSET, START, START)).toEqual([]);
  });
});
