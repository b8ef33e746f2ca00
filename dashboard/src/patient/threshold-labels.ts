import { en } from '../i18n/en.ts';
import type { Locale } from '../i18n/index.ts';
import type { MessageKey, Translate } from '../i18n/translations.ts';
import { formatNumber } from '../format/number.ts';

type KnownRule = keyof typeof en.ruleNames;
type KnownParam = keyof typeof en.ruleParams;

/** UCUM units of rule parameters (server/src/rules/rule-library.ts) → their names in the reader's language. */
const UNIT_KEYS: Readonly<Record<string, MessageKey>> = {
  Cel: 'ucum.celsius',
  'mm[Hg]': 'ucum.mmHg',
  '%': 'ucum.percent',
  '/min': 'ucum.perMinute',
  'mmol/L': 'ucum.mmolPerL',
  kg: 'ucum.kg',
  '{readings}': 'ucum.readings',
  min: 'ucum.minutes',
  h: 'ucum.hours',
  '{score}': 'ucum.points',
};

/** a threshold has at most this many decimals (kg and mmol/L: 2) */
const THRESHOLD_DECIMALS = 2;
const NBSP = '\u00a0';

export function ruleName(ruleId: string, t: Translate): string {
  return Object.hasOwn(en.ruleNames, ruleId) ? t(`ruleNames.${ruleId as KnownRule}`) : ruleId;
}

export function ruleParamName(param: string, t: Translate): string {
  return Object.hasOwn(en.ruleParams, param) ? t(`ruleParams.${param as KnownParam}`) : param;
}

/** A UCUM unit as people write it; a unit this dashboard does not know is shown as sent. */
export function unitLabel(ucum: string, t: Translate): string {
  const key = Object.hasOwn(UNIT_KEYS, ucum) ? UNIT_KEYS[ucum] : undefined;
  return key === undefined ? ucum : t(key);
}

export function formatThreshold(value: number, ucum: string, locale: Locale): string {
  return `${formatNumber(value, THRESHOLD_DECIMALS, locale.numberLocale)}${NBSP}${unitLabel(ucum, locale.t)}`;
}

/**
 * A number as a person types it in kk, ru or en: "38,5" or "38.5", spaces around allowed. No thousands separators
 * and no exponents: a threshold typed as "1,000" must not silently become 1.
 */
export function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[-+]?\d+([.,]\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed.replace(',', '.'));
}

/** contracts setThresholdRequestSchema: reason 3–500 characters after trimming */
export const REASON_MIN_LENGTH = 3;
export const REASON_MAX_LENGTH = 500;

export type ThresholdEdit =
  | { readonly ok: true; readonly value: number | null; readonly reason: string }
  | { readonly ok: false; readonly error: 'thresholds.valueInvalid' | 'thresholds.reasonMissing' };

/** The edit form's fields → the request's value and reason; `reset` returns to the default (value null). */
export function readThresholdEdit(fields: { valueText: string; reason: string; reset: boolean }): ThresholdEdit {
  const reason = fields.reason.trim();
  if (reason.length < REASON_MIN_LENGTH) return { ok: false, error: 'thresholds.reasonMissing' };
  if (fields.reset) return { ok: true, value: null, reason };
  const value = parseDecimal(fields.valueText);
  if (value === undefined) return { ok: false, error: 'thresholds.valueInvalid' };
  return { ok: true, value, reason };
}
