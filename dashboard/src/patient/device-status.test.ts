import { describe, expect, it } from 'vitest';
import { createI18n, type Language } from '../i18n/index.ts';
import { formatClockOffset, isBatteryLow } from './device-status.ts';

const i18n = createI18n();

describe('formatClockOffset', () => {
  it.each<{ offsetMs: number | null; language: Language; expected: string | undefined }>([
    { offsetMs: null, language: 'en', expected: undefined },
    { offsetMs: 0, language: 'en', expected: 'correct' },
    { offsetMs: -59_999, language: 'en', expected: 'correct' },
    { offsetMs: 7 * 60_000, language: 'en', expected: '7 min ahead' },
    { offsetMs: -65 * 60_000, language: 'en', expected: '1 h 5 min behind' },
    { offsetMs: 7 * 60_000, language: 'ru', expected: 'спешат на 7 мин' },
    { offsetMs: -7 * 60_000, language: 'kk', expected: '7 мин артта' },
  ])('$offsetMs ms in $language → $expected', ({ offsetMs, language, expected }) => {
    expect(formatClockOffset(offsetMs, i18n.localeFor(language).t)?.replaceAll('\u00a0', ' ')).toBe(expected);
  });
});

describe('isBatteryLow', () => {
  it.each([
    { battery: null, expected: false },
    { battery: 19, expected: true },
    { battery: 20, expected: false },
  ])('$battery → $expected', ({ battery, expected }) => {
    expect(isBatteryLow(battery)).toBe(expected);
  });
});
