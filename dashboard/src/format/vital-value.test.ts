import type { VitalPoint } from '@rpm/contracts';
import { describe, expect, it } from 'vitest';
import { createI18n, type Language } from '../i18n/index.ts';
import { formatVitalPoint } from './vital-value.ts';

const i18n = createI18n();
type Point = Pick<VitalPoint, 'type' | 'value' | 'systolic' | 'diastolic'>;

describe('formatVitalPoint', () => {
  it.each<{ point: Point; language: Language; expected: string }>([
    { point: { type: 'spo2', value: 88 }, language: 'en', expected: '88 %' },
    { point: { type: 'body_temperature', value: 37.25 }, language: 'ru', expected: '37,25 °C' },
    { point: { type: 'body_temperature', value: 37.254 }, language: 'kk', expected: '37,25 °C' },
    { point: { type: 'blood_pressure', systolic: 120, diastolic: 80 }, language: 'en', expected: '120/80 mmHg' },
    { point: { type: 'blood_pressure', systolic: 120, diastolic: 80 }, language: 'ru', expected: '120/80 мм рт. ст.' },
    { point: { type: 'blood_glucose', value: 5.5 }, language: 'kk', expected: '5,5 ммоль/л' },
    { point: { type: 'heart_rate' }, language: 'en', expected: '—' },
    { point: { type: 'blood_pressure', systolic: 120 }, language: 'en', expected: '—' },
  ])('$point.type in $language → $expected', ({ point, language, expected }) => {
    expect(formatVitalPoint(point, i18n.localeFor(language)).replaceAll('\u00a0', ' ')).toBe(expected);
  });
});
