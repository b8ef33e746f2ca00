import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.ts';

describe('detectLanguage', () => {
  it.each([
    { stored: null, preferred: [], expected: 'ru', why: 'nothing known: default ru' },
    { stored: null, preferred: ['kk-KZ', 'ru'], expected: 'kk', why: 'first preferred we have' },
    { stored: null, preferred: ['de-DE', 'en-US', 'ru'], expected: 'en', why: 'skips languages we lack' },
    { stored: null, preferred: ['RU_kz'], expected: 'ru', why: 'case and underscore tolerant' },
    { stored: null, preferred: ['fr', 'de'], expected: 'ru', why: 'none we have: default ru' },
    { stored: 'en', preferred: ['kk'], expected: 'en', why: 'the remembered choice wins' },
    { stored: 'xx', preferred: ['kk'], expected: 'kk', why: 'a bad stored value is ignored' },
  ] as const)('$why', ({ stored, preferred, expected }) => {
    expect(detectLanguage(stored, preferred)).toBe(expected);
  });
});
