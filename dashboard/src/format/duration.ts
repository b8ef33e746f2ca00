import type { Translate } from '../i18n/translations.ts';

const MINUTE_MS = 60_000;
const HOUR_MIN = 60;
const DAY_MIN = 24 * HOUR_MIN;

/**
 * A duration in whole minutes, with at most two units: "5 min", "2 h 5 min", "3 d 4 h" ("2 ч 5 мин",
 * "2 сағ 5 мин"). Rounds down, so an age is never shown younger than it is by more than a minute. Negative
 * durations count as zero.
 *
 * The unit words come from our translations, not Intl's unit formatting: browsers' ICU data lacks Kazakh units
 * (Chromium prints "2 hr" in a Kazakh page), and abbreviations need no plural forms.
 */
export function formatDuration(ms: number, t: Translate): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE_MS));
  if (minutes < HOUR_MIN) return t('duration.minute', { n: minutes });
  if (minutes < DAY_MIN) {
    const hours = Math.floor(minutes / HOUR_MIN);
    const rest = minutes % HOUR_MIN;
    return rest === 0 ? t('duration.hour', { n: hours }) : `${t('duration.hour', { n: hours })} ${t('duration.minute', { n: rest })}`;
  }
  const days = Math.floor(minutes / DAY_MIN);
  const hours = Math.floor((minutes % DAY_MIN) / HOUR_MIN);
  return hours === 0 ? t('duration.day', { n: days }) : `${t('duration.day', { n: days })} ${t('duration.hour', { n: hours })}`;
}
