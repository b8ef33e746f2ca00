import { VITALS, type Alert } from '@rpm/contracts';
import { en } from '../i18n/en.ts';
import type { Locale } from '../i18n/index.ts';

type KnownRuleId = keyof typeof en.rules;
type KnownParam = keyof typeof en.params;

function isKnownRule(ruleId: string): ruleId is KnownRuleId {
  return Object.hasOwn(en.rules, ruleId);
}

function isKnownParam(name: string): name is KnownParam {
  return Object.hasOwn(en.params, name);
}

/** between a number and its unit, so they never wrap apart */
const NBSP = '\u00a0';

const numberFormats = new Map<string, Intl.NumberFormat>();

function formatNumber(value: number, decimals: number, locale: string): string {
  const key = `${locale}:${decimals}`;
  let f = numberFormats.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals });
    numberFormats.set(key, f);
  }
  return f.format(value);
}

/** The triggering values with their unit: "190/125 mmHg", "88 %", "систолическое 190 мм рт. ст.". */
function describeValues(alert: Pick<Alert, 'readingType' | 'params'>, locale: Locale): string {
  const { t, numberLocale } = locale;
  const { decimals } = VITALS[alert.readingType];
  const unit = t(`units.${alert.readingType}`);
  const { systolic, diastolic, ...others } = alert.params;
  const parts: string[] = [];
  if (systolic !== undefined && diastolic !== undefined) {
    parts.push(`${formatNumber(systolic, decimals, numberLocale)}/${formatNumber(diastolic, decimals, numberLocale)}${NBSP}${unit}`);
  } else {
    if (systolic !== undefined) others['systolic'] = systolic;
    if (diastolic !== undefined) others['diastolic'] = diastolic;
  }
  for (const [name, value] of Object.entries(others)) {
    const amount = `${formatNumber(value, decimals, numberLocale)}${NBSP}${unit}`;
    // 'value' is the reading itself: its name adds nothing.
    if (name === 'value') parts.push(amount);
    else parts.push(`${isKnownParam(name) ? t(`params.${name}`) : name} ${amount}`);
  }
  return parts.join(', ');
}

/**
 * The alert's rule in the reader's language, from `ruleId` and `params` (the server sends no text). Rules this
 * dashboard does not know yet still show what was measured: "Blood pressure: 190/125 mmHg (rule bp_high)".
 */
export function describeAlertRule(alert: Pick<Alert, 'ruleId' | 'readingType' | 'params'>, locale: Locale): string {
  const { t, numberLocale } = locale;
  if (isKnownRule(alert.ruleId)) {
    const { decimals } = VITALS[alert.readingType];
    const values = Object.fromEntries(
      Object.entries(alert.params).map(([name, value]) => [name, formatNumber(value, decimals, numberLocale)]),
    );
    return t(`rules.${alert.ruleId}`, values);
  }
  return t('ruleFallback', { reading: t(`vitals.${alert.readingType}`), values: describeValues(alert, locale), ruleId: alert.ruleId });
}
