import type { Alert } from '@rpm/contracts';
import { describe, expect, it } from 'vitest';
import { createI18n, type Language } from '../i18n/index.ts';
import { describeAlertRule, news2MissingParameters } from './describe-alert-rule.ts';

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
      alert: { ruleId: 'fever_new', readingType: 'body_temperature', params: { value: 38.25 } },
      expected: 'Дене температурасы: 38,25 °C (fever_new ережесі)',
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

  it.each<{ language: Language; alert: Pick<Alert, 'ruleId' | 'readingType' | 'params'>; expected: string }>([
    {
      language: 'en',
      alert: { ruleId: 'news2_high', readingType: 'news2', params: { score: 7, singleParameter3: 0, missingParameters: 0 } },
      expected: 'NEWS2 7 — emergency response',
    },
    {
      language: 'ru',
      alert: { ruleId: 'news2_medium', readingType: 'news2', params: { score: 5, singleParameter3: 1, missingParameters: 1 } },
      expected: 'NEWS2 5 — срочная оценка состояния',
    },
    {
      language: 'kk',
      alert: { ruleId: 'news2_high', readingType: 'news2', params: { score: 8 } },
      expected: 'NEWS2 8 — төтенше әрекет қажет',
    },
    {
      language: 'en',
      alert: { ruleId: 'device_battery_low', readingType: 'device', params: { battery: 15, limit: 20 } },
      expected: 'Device battery 15% — low',
    },
    {
      language: 'ru',
      alert: { ruleId: 'device_clock_wrong', readingType: 'device', params: { offsetMinutes: -7.5, limitMinutes: 5 } },
      expected: 'Часы устройства расходятся на -7,5 мин',
    },
    {
      language: 'kk',
      alert: { ruleId: 'device_offline', readingType: 'device', params: { offlineDevices: 2 } },
      expected: 'Құрылғы желіде жоқ (желіден тыс құрылғылар: 2)',
    },
    {
      language: 'en',
      alert: { ruleId: 'fever', readingType: 'body_temperature', params: { value: 38.4, limit: 38 } },
      expected: 'Temperature 38.4 °C — fever (limit 38 °C)',
    },
    {
      language: 'ru',
      alert: { ruleId: 'missing_spo2', readingType: 'spo2', params: { hoursSinceLast: 36.5, maxGapHours: 36 } },
      expected: 'Нет данных SpO₂ 36,5 ч (ожидались в пределах 36 ч)',
    },
    {
      language: 'kk',
      alert: {
        ruleId: 'weight_gain_3d',
        readingType: 'body_weight',
        params: { gainKg: 2.35, limitKg: 2, windowDays: 3, baselineKg: 80.1, latestKg: 82.45, missingDays: 0 },
      },
      expected: 'Дене салмағы 3 тәулікте +2,35 кг (80,1 → 82,45 кг; таңертең өлшенбеген күндер: 0)',
    },
    {
      language: 'en',
      alert: { ruleId: 'news2_other', readingType: 'news2', params: { score: 4 } },
      expected: 'NEWS2 score: score 4 (rule news2_other)',
    },
    {
      language: 'ru',
      alert: { ruleId: 'device_new', readingType: 'device', params: { temperature: 61.5 } },
      expected: 'Устройство: temperature 61,5 (правило device_new)',
    },
  ])('$alert.ruleId in $language (news2, device and programme rules)', ({ language, alert, expected }) => {
    expect(describeAlertRule(alert, i18n.localeFor(language)).replaceAll('\u00a0', ' ')).toBe(expected);
  });

  it('a NEWS2 alert tells how many parameters were missing; other alerts never do', () => {
    expect(news2MissingParameters({ readingType: 'news2', params: { score: 5, missingParameters: 2 } })).toBe(2);
    expect(news2MissingParameters({ readingType: 'news2', params: { score: 5 } })).toBe(0);
    expect(news2MissingParameters({ readingType: 'spo2', params: { value: 88, missingParameters: 2 } })).toBe(0);
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
