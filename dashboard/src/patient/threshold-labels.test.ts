import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/index.ts';
import {
  formatThreshold,
  parseDecimal,
  readThresholdEdit,
  ruleName,
  ruleParamName,
  unitLabel,
  type ThresholdEdit,
} from './threshold-labels.ts';

const i18n = createI18n();

describe('parseDecimal', () => {
  it.each([
    { text: '38.5', expected: 38.5 },
    { text: ' 38,5 ', expected: 38.5 },
    { text: '7', expected: 7 },
    { text: '-3', expected: -3 },
    { text: '', expected: undefined },
    { text: '1,000.5', expected: undefined },
    { text: '1e3', expected: undefined },
    { text: 'abc', expected: undefined },
    { text: '38.', expected: undefined },
  ])('"$text" → $expected', ({ text, expected }) => {
    expect(parseDecimal(text)).toBe(expected);
  });
});

describe('readThresholdEdit', () => {
  it.each<{ fields: { valueText: string; reason: string; reset: boolean }; expected: ThresholdEdit }>([
    { fields: { valueText: '38,4', reason: ' post-op ', reset: false }, expected: { ok: true, value: 38.4, reason: 'post-op' } },
    { fields: { valueText: '38,4', reason: '  ab ', reset: false }, expected: { ok: false, error: 'thresholds.reasonMissing' } },
    { fields: { valueText: 'x', reason: 'because', reset: false }, expected: { ok: false, error: 'thresholds.valueInvalid' } },
    { fields: { valueText: 'x', reason: 'back to normal', reset: true }, expected: { ok: true, value: null, reason: 'back to normal' } },
    { fields: { valueText: '', reason: '', reset: true }, expected: { ok: false, error: 'thresholds.reasonMissing' } },
  ])('$fields → $expected', ({ fields, expected }) => {
    expect(readThresholdEdit(fields)).toEqual(expected);
  });
});

describe('threshold labels', () => {
  it('names rules, params and units in the reader’s language, and unknown ones as sent', () => {
    const ru = i18n.localeFor('ru');
    expect(ruleName('fever', ru.t)).toBe('Лихорадка');
    expect(ruleName('new_rule', ru.t)).toBe('new_rule');
    expect(ruleParamName('limit', ru.t)).toBe('Порог');
    expect(ruleParamName('toString', ru.t)).toBe('toString');
    expect(unitLabel('mm[Hg]', ru.t)).toBe('мм рт. ст.');
    expect(unitLabel('furlong', ru.t)).toBe('furlong');
    expect(formatThreshold(38.25, 'Cel', i18n.localeFor('kk')).replaceAll('\u00a0', ' ')).toBe('38,25 °C');
  });
});
