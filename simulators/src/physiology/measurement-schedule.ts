import type { VitalType } from '@rpm/contracts';
import { hashString, hashUnit } from '../random.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** One habit of a patient: these vital types measured together at these local clock hours every day. */
export interface ScheduledMeasurement {
  readonly types: readonly VitalType[];
  /** local hours, e.g. [8, 20] for morning and evening */
  readonly localHours: readonly number[];
  /** each day's actual time is the scheduled hour ± up to this many minutes (people are not punctual) */
  readonly jitterMinutes: number;
  /** share 0–1 of sessions a patient skips (forgotten, away); drawn per session */
  readonly skipShare?: number;
}

export type MeasurementSchedule = readonly ScheduledMeasurement[];

/** A measuring session: the types measured together at one instant. */
export interface MeasurementSession {
  readonly atMs: number;
  readonly types: readonly VitalType[];
}

const SCHEDULE_KEY = hashString('schedule');

/**
 * The sessions of a schedule with `fromMs < atMs <= toMs`, oldest first. A pure function of (seed, schedule,
 * interval): asking twice, or in pieces, gives the same sessions, so a device can ask for each tick's window.
 */
export function sessionsBetween(
  schedule: MeasurementSchedule,
  seed: number,
  utcOffsetMinutes: number,
  fromMs: number,
  toMs: number,
): MeasurementSession[] {
  if (toMs <= fromMs) return [];
  const offsetMs = utcOffsetMinutes * 60_000;
  // Local days that can hold a session in the window, with a day's margin for the jitter.
  const firstDay = Math.floor((fromMs + offsetMs) / DAY_MS) - 1;
  const lastDay = Math.floor((toMs + offsetMs) / DAY_MS) + 1;
  const byTime = new Map<number, Set<VitalType>>();
  schedule.forEach((habit, habitIndex) => {
    for (let day = firstDay; day <= lastDay; day++) {
      habit.localHours.forEach((hour, slot) => {
        if (habit.skipShare !== undefined && hashUnit(seed, SCHEDULE_KEY, habitIndex, slot, day, 1) < habit.skipShare) return;
        const jitterMs = (hashUnit(seed, SCHEDULE_KEY, habitIndex, slot, day) * 2 - 1) * habit.jitterMinutes * 60_000;
        // Whole seconds: a device's clock display, and equal instants for habits that share a slot.
        const atMs = Math.round((day * DAY_MS - offsetMs + hour * HOUR_MS + jitterMs) / 1000) * 1000;
        if (atMs <= fromMs || atMs > toMs) return;
        const types = byTime.get(atMs) ?? new Set<VitalType>();
        for (const type of habit.types) types.add(type);
        byTime.set(atMs, types);
      });
    }
  });
  return [...byTime.entries()].sort(([a], [b]) => a - b).map(([atMs, types]) => ({ atMs, types: [...types] }));
}
