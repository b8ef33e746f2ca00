import { describe, expect, it } from 'vitest';
import { createI18n, type Language } from '../i18n/index.ts';
import { formatDuration } from './duration.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const i18n = createI18n();
const NBSP = '\u00a0';

describe('formatDuration', () => {
  it.each<{ ms: number; language: Language; expected: string }>([
    { ms: 0, language: 'en', expected: '0 min' },
    { ms: -5 * MIN, language: 'en', expected: '0 min' },
    { ms: 59_999, language: 'en', expected: '0 min' },
    { ms: 12 * MIN + 59_000, language: 'en', expected: '12 min' },
    { ms: 60 * MIN, language: 'en', expected: '1 h' },
    { ms: 2 * HOUR + 5 * MIN, language: 'en', expected: '2 h 5 min' },
    { ms: 3 * DAY + 4 * HOUR + 59 * MIN, language: 'en', expected: '3 d 4 h' },
    { ms: 2 * DAY, language: 'en', expected: '2 d' },
    { ms: 2 * HOUR + 5 * MIN, language: 'ru', expected: '2 ч 5 мин' },
    { ms: 3 * DAY + 4 * HOUR, language: 'ru', expected: '3 дн. 4 ч' },
    { ms: 2 * HOUR + 5 * MIN, language: 'kk', expected: '2 сағ 5 мин' },
    { ms: 3 * DAY + 4 * HOUR, language: 'kk', expected: '3 күн 4 сағ' },
  ])('$ms ms in $language → $expected', ({ ms, language, expected }) => {
    // A number and its unit never break apart (no-break space); units are separated by a normal space.
    expect(formatDuration(ms, i18n.localeFor(language).t).replaceAll(NBSP, ' ')).toBe(expected);
  });

  it('keeps each number with its unit', () => {
    expect(formatDuration(2 * HOUR + 5 * MIN, i18n.localeFor('en').t)).toBe(`2${NBSP}h 5${NBSP}min`);
  });
});
