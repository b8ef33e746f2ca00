import type { Alert, AlertPriority, Threshold, VitalType } from '@rpm/contracts';

/** The line of a chart a limit applies to: the value, or systolic / diastolic for blood pressure. */
export type LimitField = 'value' | 'systolic' | 'diastolic';

interface RuleLimit {
  readonly type: VitalType;
  readonly field: LimitField;
  /** 'above': the rule raises at or above the limit; 'below': at or below it */
  readonly direction: 'above' | 'below';
  readonly priority: AlertPriority;
}

/**
 * The raise limits of the limit rules, as server/src/rules/rule-library.ts defines them (field, operator, priority).
 * Only the raise parameters are drawn: the clear parameters (hysteresis) would crowd the chart with lines nobody acts on.
 */
const RULE_LIMITS: Readonly<Record<string, Readonly<Record<string, RuleLimit>>>> = {
  spo2_below_target: { limit: { type: 'spo2', field: 'value', direction: 'below', priority: 'medium' } },
  spo2_very_low: { limit: { type: 'spo2', field: 'value', direction: 'below', priority: 'high' } },
  heart_rate_high: { limit: { type: 'heart_rate', field: 'value', direction: 'above', priority: 'medium' } },
  heart_rate_low: { limit: { type: 'heart_rate', field: 'value', direction: 'below', priority: 'medium' } },
  respiratory_rate_high: { limit: { type: 'respiratory_rate', field: 'value', direction: 'above', priority: 'medium' } },
  fever: { limit: { type: 'body_temperature', field: 'value', direction: 'above', priority: 'medium' } },
  bp_crisis: {
    systolicLimit: { type: 'blood_pressure', field: 'systolic', direction: 'above', priority: 'high' },
    diastolicLimit: { type: 'blood_pressure', field: 'diastolic', direction: 'above', priority: 'high' },
  },
  bp_elevated_home: {
    systolicLimit: { type: 'blood_pressure', field: 'systolic', direction: 'above', priority: 'low' },
    diastolicLimit: { type: 'blood_pressure', field: 'diastolic', direction: 'above', priority: 'low' },
  },
  bp_above_target: {
    systolicLimit: { type: 'blood_pressure', field: 'systolic', direction: 'above', priority: 'low' },
    diastolicLimit: { type: 'blood_pressure', field: 'diastolic', direction: 'above', priority: 'low' },
  },
  bp_low: { systolicLimit: { type: 'blood_pressure', field: 'systolic', direction: 'below', priority: 'medium' } },
  glucose_low_l2: { limit: { type: 'blood_glucose', field: 'value', direction: 'below', priority: 'high' } },
  glucose_low_l1: { limit: { type: 'blood_glucose', field: 'value', direction: 'below', priority: 'medium' } },
  glucose_high: { limit: { type: 'blood_glucose', field: 'value', direction: 'above', priority: 'low' } },
};

/** One limit drawn on a chart: the patient's effective value (after overrides) of a rule's raise parameter. */
export interface ChartLimit extends RuleLimit {
  readonly ruleId: string;
  readonly param: string;
  readonly value: number;
  readonly unit: string;
  readonly overridden: boolean;
}

const PRIORITY_ORDER: Readonly<Record<AlertPriority, number>> = { high: 0, medium: 1, low: 2 };

/** The limits in force for `type`, most urgent first; rules the patient's programmes do not include are absent. */
export function chartLimits(thresholds: readonly Threshold[], type: VitalType): ChartLimit[] {
  const out: ChartLimit[] = [];
  for (const th of thresholds) {
    const rule = Object.hasOwn(RULE_LIMITS, th.ruleId) ? RULE_LIMITS[th.ruleId] : undefined;
    const limit = rule !== undefined && Object.hasOwn(rule, th.param) ? rule[th.param] : undefined;
    if (limit === undefined || limit.type !== type) continue;
    out.push({ ...limit, ruleId: th.ruleId, param: th.param, value: th.value, unit: th.unit, overridden: th.overridden });
  }
  return out.sort((a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] || a.value - b.value);
}

/** One alert drawn on a chart: where (measurement time, triggering value) and how urgent. */
export interface ChartAlert {
  readonly id: string;
  readonly ruleId: string;
  readonly priority: AlertPriority;
  readonly status: Alert['status'];
  /** measurement time of the triggering reading, Unix seconds (uPlot's x) */
  readonly atSec: number;
  readonly measuredAt: string;
  /** the triggering value on the chart's first line (systolic for blood pressure); null when the alert has none */
  readonly value: number | null;
}

/** The patient's alerts about `type` measured inside [fromMs, toMs], oldest first. */
export function chartAlerts(alerts: readonly Alert[], type: VitalType, fromMs: number, toMs: number): ChartAlert[] {
  const field = type === 'blood_pressure' ? 'systolic' : 'value';
  return alerts
    .filter((alert) => alert.readingType === type)
    .map((alert) => ({ alert, at: Date.parse(alert.measuredAt) }))
    .filter(({ at }) => at >= fromMs && at <= toMs)
    .sort((a, b) => a.at - b.at)
    .map(({ alert, at }) => ({
      id: alert.id,
      ruleId: alert.ruleId,
      priority: alert.priority,
      status: alert.status,
      atSec: at / 1000,
      measuredAt: alert.measuredAt,
      value: alert.params[field] ?? null,
    }));
}
