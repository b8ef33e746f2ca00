import type { Alert } from '@rpm/contracts';
import { describe, expect, it } from 'vitest';
import { createI18n, type Language } from '../i18n/index.ts';
import { describeAlertRule } from './describe-alert-rule.ts';

const i18n = createI18n();

describe('describeAlertRule', () => {
  it.each([
    { language: 'en', expected: 'SpO₂ 88% — below 92%' },
    { language: 'ru', expected: 'SpO₂ 88% — ниже 92%' },
    { language: 'kk', expected: 'SpO₂ 88% — 92%-дан төмен' },
  ] as const)('spo2_low in $language', ({ language, expected }) => {
    expect(describeAlertRule({ ruleId: 'spo2_low', readingType: 'spo2', params: { value: 88 } }, i18n.localeFor(language))).toBe(expected);
  });

  it.each<{ name: string; language: Language; alert: Pick<Alert, 'ruleId' | 'readingType' | 'params'>; expected: string }>([
    {
      name: 'blood pressure pair',
      language: 'en',
      alert: { ruleId: 'bp_high', readingType: 'blood_pressure', params: { systolic: 190, diastolic: 125 } },
      expected: 'Blood pressure: 190/125 mmHg (rule bp_high)',
    },
    {
      name: 'blood pressure pair, ru units',
      language: 'ru',
      alert: { ruleId: 'bp_high', readingType: 'blood_pressure', params: { systolic: 190, diastolic: 125 } },
      expected: 'Артериальное давление: 190/125 мм рт. ст. (правило bp_high)',
    },
    {
      name: 'one value, locale decimals, kk word order',
      language: 'kk',
      alert: { ruleId: 'fever', readingType: 'body_temperature', params: { value: 38.25 } },
      expected: 'Дене температурасы: 38,25 °C (fever ережесі)',
    },
    {
      name: 'systolic alone is named',
      language: 'ru',
      alert: { ruleId: 'bp_sys', readingType: 'blood_pressure', params: { systolic: 85 } },
      expected: 'Артериальное давление: систолическое 85 мм рт. ст. (правило bp_sys)',
    },
    {
      name: 'unknown param names are shown as sent',
      language: 'en',
      alert: { ruleId: 'weight_gain', readingType: 'body_weight', params: { delta: 2.4 } },
      expected: 'Body weight: delta 2.4 kg (rule weight_gain)',
    },
  ])('fallback for an unknown rule: $name', ({ language, alert, expected }) => {
    expect(describeAlertRule(alert, i18n.localeFor(language)).replaceAll('\u00a0', ' ')).toBe(expected);
  });

  it('a rule id that is an Object.prototype name is not mistaken for a known rule', () => {
    expect(
      describeAlertRule({ ruleId: 'toString', readingType: 'heart_rate', params: { value: 150 } }, i18n.localeFor('en')).replaceAll(
        '\u00a0',
        ' ',
      ),
    ).toBe('Heart rate: 150 /min (rule toString)');
  });
});
