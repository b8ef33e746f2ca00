/** Every time is shown in the care teams' time zone, whatever the device's setting (all of Kazakhstan is UTC+5 since 2024). */
export const CLINIC_TIME_ZONE = 'Asia/Almaty';

// Building an Intl formatter is costly and rows re-render every few seconds: keep one per locale and kind.
const formatters = new Map<string, Intl.DateTimeFormat>();
const monthNames = new Map<string, boolean>();

function cached(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Whether this browser has the locale's month names. Chromium's bundled ICU claims Kazakh but has no data for it
 * and falls back to the root locale ("M11 23 14:32"); Firefox has it ("23 қар., 14:32").
 */
function hasMonthNames(locale: string): boolean {
  let known = monthNames.get(locale);
  if (known === undefined) {
    const november = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(Date.UTC(2025, 10, 15));
    known = !/\d/.test(november);
    monthNames.set(locale, known);
  }
  return known;
}

/**
 * "23 Nov, 14:32" — 24-hour clock in every language: clinical records do not use AM/PM. Without month names
 * for the locale: "23.11, 14:32", the day-month order Kazakhstan writes in both kk and ru.
 */
export function formatDateTime(at: string | number, locale: string): string {
  const date = new Date(at);
  if (hasMonthNames(locale)) {
    const f = cached(
      `dateTime:${locale}`,
      () =>
        new Intl.DateTimeFormat(locale, {
          timeZone: CLINIC_TIME_ZONE,
          day: 'numeric',
          month: 'short',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }),
    );
    return f.format(date);
  }
  return formatNumericDateTime(date);
}

/** "23.11, 14:32": the fallback when the locale has no month names. */
export function formatNumericDateTime(at: string | number | Date): string {
  // Digits only, so any locale's data will do for the parts; the order and separators are ours.
  const f = cached(
    'numeric',
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: CLINIC_TIME_ZONE,
        day: '2-digit',
        month: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
  const parts = Object.fromEntries(f.formatToParts(new Date(at)).map((part) => [part.type, part.value]));
  return `${parts['day'] ?? ''}.${parts['month'] ?? ''}, ${parts['hour'] ?? ''}:${parts['minute'] ?? ''}`;
}

/** "14:32:05" (digits only: the same in every locale) */
export function formatClockTime(at: string | number, locale: string): string {
  const f = cached(
    `clock:${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone: CLINIC_TIME_ZONE,
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
  );
  return f.format(new Date(at));
}

/** The clinic time zone's UTC offset at `at`, as the locale writes it: "GMT+5". */
export function clinicUtcOffset(at: number, locale: string): string {
  const f = cached(`offset:${locale}`, () => new Intl.DateTimeFormat(locale, { timeZone: CLINIC_TIME_ZONE, timeZoneName: 'shortOffset' }));
  return f.formatToParts(new Date(at)).find((part) => part.type === 'timeZoneName')?.value ?? CLINIC_TIME_ZONE;
}

function clinicParts(at: number): Record<string, string> {
  const f = cached(
    'parts',
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: CLINIC_TIME_ZONE,
        day: '2-digit',
        month: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
  return Object.fromEntries(f.formatToParts(new Date(at)).map((part) => [part.type, part.value]));
}

/** "14:32" in Almaty: chart axes over a day (digits only, the same in every language). */
export function formatHourMinute(at: number): string {
  const parts = clinicParts(at);
  return `${parts['hour'] ?? ''}:${parts['minute'] ?? ''}`;
}

/** "23.11" in Almaty: chart axes over days. */
export function formatDayMonth(at: number): string {
  const parts = clinicParts(at);
  return `${parts['day'] ?? ''}.${parts['month'] ?? ''}`;
}
