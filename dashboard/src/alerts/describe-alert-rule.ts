import { isVitalType, VITALS, type Alert } from '@rpm/contracts';
import { en } from '../i18n/en.ts';
import type { Locale } from '../i18n/index.ts';
import { formatNumber } from '../format/number.ts';

type KnownRuleId = keyof typeof en.rules;
type KnownParam = keyof typeof en.params;
type AlertSubject = Alert['readingType'];

function isKnownRule(ruleId: string): ruleId is KnownRuleId {
  return Object.hasOwn(en.rules, ruleId);
}

function isKnownParam(name: string): name is KnownParam {
  return Object.hasOwn(en.params, name);
}

/** between a number and its unit, so they never wrap apart */
const NBSP = '\u00a0';

/**
 * Decimals of the params that are not the reading itself (server/src/rules: news2-rule, device rules, missing data,
 * weight gain). The reading and the limits it was held against use the vital's catalogue decimals.
 */
const PARAM_DECIMALS: Readonly<Record<string, number>> = {
  score: 0,
  missingParameters: 0,
  singleParameter3: 0,
  battery: 0,
  offlineDevices: 0,
  offsetMinutes: 1,
  limitMinutes: 1,
  hoursSinceLast: 1,
  maxGapHours: 1,
  windowDays: 0,
  missingDays: 0,
  gainKg: 2,
  limitKg: 2,
  baselineKg: 2,
  latestKg: 2,
};

/** for params of news2 and device alerts that the table above does not name */
const DEFAULT_DECIMALS = 2;

function decimalsOf(param: string, subject: AlertSubject): number {
  if (Object.hasOwn(PARAM_DECIMALS, param)) return PARAM_DECIMALS[param] ?? DEFAULT_DECIMALS;
  return isVitalType(subject) ? VITALS[subject].decimals : DEFAULT_DECIMALS;
}

/** The triggering values with their unit: "190/125 mmHg", "88 %", "систолическое 190 мм рт. ст.". */
function describeValues(alert: Pick<Alert, 'readingType' | 'params'>, locale: Locale): string {
  const { t, numberLocale } = locale;
  const subject = alert.readingType;
  const unit = isVitalType(subject) ? `${NBSP}${t(`units.${subject}`)}` : '';
  const format = (name: string, value: number): string => formatNumber(value, decimalsOf(name, subject), numberLocale);
  const { systolic, diastolic, ...others } = alert.params;
  const parts: string[] = [];
  if (systolic !== undefined && diastolic !== undefined) {
    parts.push(`${format('systolic', systolic)}/${format('diastolic', diastolic)}${unit}`);
  } else {
    if (systolic !== undefined) others['systolic'] = systolic;
    if (diastolic !== undefined) others['diastolic'] = diastolic;
  }
  for (const [name, value] of Object.entries(others)) {
    // Params of a vital's rule are in its canonical unit (contracts: alertSchema.params); news2 and device have none.
    const amount = `${format(name, value)}${unit}`;
    // 'value' is the reading itself: its name adds nothing.
    if (name === 'value') parts.push(amount);
    else parts.push(`${isKnownParam(name) ? t(`params.${name}`) : name} ${amount}`);
  }
  return parts.join(', ');
}

function subjectName(subject: AlertSubject, locale: Locale): string {
  return isVitalType(subject) ? locale.t(`vitals.${subject}`) : locale.t(`alertSubjects.${subject}`);
}

/**
 * The alert's rule in the reader's language, from `ruleId` and `params` (the server sends no text). Rules this
 * dashboard does not know yet still show what was measured: "Blood pressure: 190/125 mmHg (rule bp_high)".
 */
export function describeAlertRule(alert: Pick<Alert, 'ruleId' | 'readingType' | 'params'>, locale: Locale): string {
  const { t, numberLocale } = locale;
  if (isKnownRule(alert.ruleId)) {
    const values = Object.fromEntries(
      Object.entries(alert.params).map(([name, value]) => [name, formatNumber(value, decimalsOf(name, alert.readingType), numberLocale)]),
    );
    return t(`rules.${alert.ruleId}`, values);
  }
  return t('ruleFallback', {
    reading: subjectName(alert.readingType, locale),
    values: describeValues(alert, locale),
    ruleId: alert.ruleId,
  });
}

/**
 * A NEWS2 alert computed with parameters missing (server news2-rule: params.missingParameters): its score is a lower
 * bound and must say so. The count of missing parameters, or 0 for a complete score and for other alerts.
 */
export function news2MissingParameters(alert: Pick<Alert, 'readingType' | 'params'>): number {
  if (alert.readingType !== 'news2') return 0;
  return alert.params['missingParameters'] ?? 0;
}
