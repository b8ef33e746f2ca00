import type { News2Response } from '@rpm/contracts';
import { describe, expect, it } from 'vitest';
import { createI18n, type Language } from '../i18n/index.ts';
import { formatNews2Value, missingNews2Names, summariseNews2, type News2Summary } from './news2-display.ts';

const i18n = createI18n();
type Parameter = News2Response['parameters'][number];

describe('summariseNews2', () => {
  it.each<{ input: Pick<News2Response, 'score' | 'risk' | 'partial'>; expected: News2Summary }>([
    { input: { score: 0, risk: 'low', partial: false }, expected: { tone: 'low', scoreText: '0', partial: false } },
    // A partial low score is a lower bound: never the calm "low" look.
    { input: { score: 0, risk: 'low', partial: true }, expected: { tone: 'incomplete', scoreText: '≥\u00a00', partial: true } },
    { input: { score: 3, risk: 'low-medium', partial: false }, expected: { tone: 'medium', scoreText: '3', partial: false } },
    { input: { score: 5, risk: 'medium', partial: true }, expected: { tone: 'medium', scoreText: '≥\u00a05', partial: true } },
    { input: { score: 7, risk: 'high', partial: false }, expected: { tone: 'high', scoreText: '7', partial: false } },
    { input: { score: 9, risk: 'high', partial: true }, expected: { tone: 'high', scoreText: '≥\u00a09', partial: true } },
  ])('$input.score $input.risk partial=$input.partial → $expected.tone', ({ input, expected }) => {
    expect(summariseNews2(input)).toEqual(expected);
  });
});

describe('formatNews2Value', () => {
  it.each<{ parameter: Pick<Parameter, 'name' | 'value'>; language: Language; expected: string | undefined }>([
    { parameter: { name: 'respiratory_rate', value: 18 }, language: 'en', expected: '18 /min' },
    { parameter: { name: 'spo2', value: 95 }, language: 'ru', expected: '95 %' },
    { parameter: { name: 'temperature', value: 38.25 }, language: 'kk', expected: '38,3 °C' },
    { parameter: { name: 'systolic_bp', value: 101 }, language: 'ru', expected: '101 мм рт. ст.' },
    { parameter: { name: 'pulse', value: 72 }, language: 'kk', expected: '72 /мин' },
    { parameter: { name: 'air_or_oxygen', value: 'oxygen' }, language: 'en', expected: 'Oxygen' },
    { parameter: { name: 'air_or_oxygen', value: 'air' }, language: 'kk', expected: 'Атмосфералық ауа' },
    { parameter: { name: 'consciousness', value: 'A' }, language: 'en', expected: 'A — Alert' },
    { parameter: { name: 'consciousness', value: 'V' }, language: 'ru', expected: 'V — реагирует на голос' },
    { parameter: { name: 'consciousness', value: 'X' }, language: 'en', expected: 'X' },
    { parameter: { name: 'pulse', value: null }, language: 'en', expected: undefined },
  ])('$parameter.name $parameter.value in $language', ({ parameter, language, expected }) => {
    expect(formatNews2Value(parameter, i18n.localeFor(language))?.replaceAll('\u00a0', ' ')).toBe(expected);
  });
});

describe('missingNews2Names', () => {
  it('lists the missing parameters in the reader’s language', () => {
    expect(missingNews2Names({ missing: ['consciousness', 'temperature'] }, i18n.localeFor('en'))).toBe('Consciousness, Temperature');
    expect(missingNews2Names({ missing: ['spo2', 'consciousness'] }, i18n.localeFor('kk'))).toBe('SpO₂ (оттегімен қанығу), Сана деңгейі');
  });
});
