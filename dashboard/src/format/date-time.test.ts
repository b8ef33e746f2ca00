import { describe, expect, it } from 'vitest';
import { clinicUtcOffset, formatClockTime, formatDateTime, formatDayMonth, formatHourMinute, formatNumericDateTime } from './date-time.ts';

// 09:32 UTC is 14:32 in Almaty (UTC+5).
const at = '2025-11-23T09:32:07.000Z';

describe('clinic time formatting (Asia/Almaty, 24-hour clock)', () => {
  it.each([
    { locale: 'en-GB', expected: '23 Nov, 14:32' },
    { locale: 'ru-KZ', expected: '23 нояб., 14:32' },
    { locale: 'kk-KZ', expected: '23 қар., 14:32' },
  ])('formatDateTime in $locale', ({ locale, expected }) => {
    expect(formatDateTime(at, locale)).toBe(expected);
  });

  it('without month names for a locale (Chromium has no kk data) the date is numeric, day first', () => {
    expect(formatNumericDateTime(at)).toBe('23.11, 14:32');
    expect(formatNumericDateTime('2025-01-04T20:05:00Z')).toBe('05.01, 01:05');
  });

  it('formatClockTime has seconds', () => {
    expect(formatClockTime(Date.parse(at), 'ru-KZ')).toBe('14:32:07');
  });

  it('the offset is UTC+5', () => {
    expect(clinicUtcOffset(Date.parse(at), 'en-GB')).toBe('GMT+5');
  });

  it('chart axis labels are Almaty time, whatever the machine’s zone', () => {
    expect(formatHourMinute(Date.parse(at))).toBe('14:32');
    // 20:05 UTC on 4 January is 01:05 on 5 January in Almaty
    expect(formatDayMonth(Date.parse('2025-01-04T20:05:00Z'))).toBe('05.01');
    expect(formatHourMinute(Date.parse('2025-01-04T20:05:00Z'))).toBe('01:05');
  });
});
