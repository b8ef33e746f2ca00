import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/index.ts';
import { formatDataAge } from './data-age.ts';

const i18n = createI18n();
const measuredAt = '2025-11-23T09:00:00.000Z';
const t0 = Date.parse(measuredAt);

describe('formatDataAge', () => {
  it.each([
    { language: 'en', nowMs: t0 + 30_000, expected: 'just now' },
    { language: 'en', nowMs: t0 - 120_000, expected: 'just now' }, // device clock ahead
    { language: 'en', nowMs: t0 + 12 * 60_000, expected: '12 min ago' },
    { language: 'ru', nowMs: t0 + 12 * 60_000, expected: '12 мин назад' },
    { language: 'kk', nowMs: t0 + 12 * 60_000, expected: '12 мин бұрын' },
    { language: 'ru', nowMs: t0 + 30_000, expected: 'только что' },
    { language: 'kk', nowMs: t0 + 90 * 60_000, expected: '1 сағ 30 мин бұрын' },
  ] as const)('$language, $nowMs → $expected', ({ language, nowMs, expected }) => {
    expect(formatDataAge(measuredAt, nowMs, i18n.localeFor(language)).replaceAll('\u00a0', ' ')).toBe(expected);
  });

  it('an unreadable time is shown as a dash, never as "just now"', () => {
    expect(formatDataAge('not a time', t0, i18n.localeFor('en'))).toBe('—');
  });
});
