/**
 * Local calendar arithmetic without Date or Intl (they are too slow for the per-reading path). The platform's
 * patients are in Kazakhstan: Asia/Almaty has been UTC+5 all year, without daylight saving, since 2024-03-01.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const ALMATY_UTC_OFFSET_MS = 5 * HOUR_MS;

/** Morning weights: the first weight of each local day between 04:00 and 11:00 (project choice, issue #4). */
export const MORNING_START_MS = 4 * HOUR_MS;
export const MORNING_END_MS = 11 * HOUR_MS;

/** Days since 1970-01-01 in local time. */
export function localDay(at: number, utcOffsetMs: number): number {
  return Math.floor((at + utcOffsetMs) / DAY_MS);
}

/** The local day of a morning measurement, or -1 when `at` is outside 04:00–11:00 local time. */
export function morningDay(at: number, utcOffsetMs: number): number {
  const local = at + utcOffsetMs;
  const day = Math.floor(local / DAY_MS);
  const inDay = local - day * DAY_MS;
  return inDay >= MORNING_START_MS && inDay < MORNING_END_MS ? day : -1;
}
