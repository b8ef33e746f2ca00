import type { Locale } from '../i18n/index.ts';
import { formatDuration } from './duration.ts';

const JUST_NOW_MS = 60_000;

/**
 * How old a measurement is, for people: "just now" under a minute, else "12 min ago". A measurement time ahead of
 * the clock (device clock skew) also reads "just now".
 */
export function formatDataAge(measuredAt: string, nowMs: number, locale: Locale): string {
  const ageMs = nowMs - Date.parse(measuredAt);
  if (Number.isNaN(ageMs)) return '—';
  if (ageMs < JUST_NOW_MS) return locale.t('age.justNow');
  return locale.t('age.ago', { duration: formatDuration(ageMs, locale.t) });
}
