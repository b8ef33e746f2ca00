import type { VitalType } from '@rpm/contracts';
import type {
  Cadence,
  DeviceRuleDef,
  LimitRuleDef,
  MissingDataRuleDef,
  News2RuleDef,
  ParamDef,
  WeightGainRuleDef,
} from './rule-definition.ts';

/**
 * The rules the programme packs are made of. Every default number carries its source beside it
 * (clinical REFERENCE.md, STYLE.md habit 8); numbers that no source fixes are marked "project choice" and are
 * listed for sign-off in docs/clinical-rules.md. Programme-specific numbers are passed in by programmes.ts.
 */

export function param(value: number, unit: string, source: string, min: number, max: number): ParamDef {
  return { value, unit, source, min, max };
}

/** A published limit with its source, as programmes.ts passes it in. */
export interface Cited {
  readonly value: number;
  readonly source: string;
}

const NEWS2 = 'NEWS2 Chart 1 (RCP 2017), REFERENCE.md §1';
const CONFIRM = 'project choice: re-measure before notifying (Philips practice, Joint Commission SEA 50; REFERENCE.md §4)';
const HYSTERESIS = 'project choice: separate clear condition against flapping (REFERENCE.md §4)';

const confirmReadings = (n: number): ParamDef => param(n, '{readings}', CONFIRM, 1, 10);
const confirmMinutes = (n: number): ParamDef => param(n, 'min', CONFIRM, 0, 1440);

export function fever(limit: Cited, op: '>=' | '>'): LimitRuleDef {
  return {
    kind: 'limit',
    id: 'fever',
    priority: 'medium', // prompt response: the published advice is "call the transplant team"
    readingType: 'body_temperature',
    raise: [{ field: 'value', op, param: 'limit' }],
    clear: [{ field: 'value', op: '<', param: 'clear' }],
    params: {
      limit: param(limit.value, 'Cel', limit.source, 37, 41),
      clear: param(37.5, 'Cel', HYSTERESIS, 36, 41), // below every published fever limit (37.8–38.3 °C, REFERENCE.md §2)
    },
    primary: 'limit',
    protective: 'lower',
  };
}

/** SpO2 below the prescribed target range; sustained because oximeters are noisy. */
export const spo2BelowTarget: LimitRuleDef = {
  kind: 'limit',
  id: 'spo2_below_target',
  priority: 'medium', // BTS 2017: "assess" when below target — a prompt response
  readingType: 'spo2',
  raise: [{ field: 'value', op: '<', param: 'limit' }],
  clear: [{ field: 'value', op: '>=', param: 'clear' }],
  confirm: { readings: 'confirmReadings', minutes: 'confirmMinutes' },
  params: {
    // BTS 2017 (REFERENCE.md §2): target 94–98 %, or 88–92 % if at risk of hypercapnia
    limit: { ...param(94, '%', 'BTS 2017 target range lower bound, REFERENCE.md §2', 80, 100), byTarget: { '94-98': 94, '88-92': 88 } },
    clear: { ...param(95, '%', HYSTERESIS, 80, 100), byTarget: { '94-98': 95, '88-92': 89 } },
    confirmReadings: confirmReadings(2),
    confirmMinutes: confirmMinutes(5),
  },
  primary: 'limit',
  protective: 'higher',
};

/** SpO2 in the band NEWS2 scores 3; high priority, supersedes spo2_below_target. */
export const spo2VeryLow: LimitRuleDef = {
  kind: 'limit',
  id: 'spo2_very_low',
  priority: 'high',
  readingType: 'spo2',
  raise: [{ field: 'value', op: '<=', param: 'limit' }],
  clear: [{ field: 'value', op: '>=', param: 'clear' }],
  confirm: { readings: 'confirmReadings', minutes: 'confirmMinutes' },
  supersedes: ['spo2_below_target'],
  params: {
    // NEWS2 Chart 1: scale 1 ≤91 % scores 3; scale 2 ≤83 % scores 3
    limit: { ...param(91, '%', NEWS2, 70, 100), byTarget: { '94-98': 91, '88-92': 83 } },
    // back inside the target range (BTS 2017, REFERENCE.md §2)
    clear: { ...param(94, '%', 'BTS 2017 target range lower bound, REFERENCE.md §2', 70, 100), byTarget: { '94-98': 94, '88-92': 88 } },
    confirmReadings: confirmReadings(2),
    confirmMinutes: confirmMinutes(2),
  },
  primary: 'limit',
  protective: 'higher',
};

export const heartRateHigh: LimitRuleDef = {
  kind: 'limit',
  id: 'heart_rate_high',
  priority: 'medium',
  readingType: 'heart_rate',
  raise: [{ field: 'value', op: '>=', param: 'limit' }],
  clear: [{ field: 'value', op: '<=', param: 'clear' }],
  confirm: { readings: 'confirmReadings', minutes: 'confirmMinutes' },
  params: {
    limit: param(131, '/min', `${NEWS2}: ≥131 scores 3`, 90, 220),
    clear: param(110, '/min', `${NEWS2}: ≤110 scores at most 1`, 60, 220),
    confirmReadings: confirmReadings(2),
    confirmMinutes: confirmMinutes(5),
  },
  primary: 'limit',
  protective: 'lower',
};

export const heartRateLow: LimitRuleDef = {
  kind: 'limit',
  id: 'heart_rate_low',
  priority: 'medium',
  readingType: 'heart_rate',
  raise: [{ field: 'value', op: '<=', param: 'limit' }],
  clear: [{ field: 'value', op: '>=', param: 'clear' }],
  confirm: { readings: 'confirmReadings', minutes: 'confirmMinutes' },
  params: {
    limit: param(40, '/min', `${NEWS2}: ≤40 scores 3`, 25, 70),
    clear: param(51, '/min', `${NEWS2}: 51–90 scores 0`, 25, 90),
    confirmReadings: confirmReadings(2),
    confirmMinutes: confirmMinutes(5),
  },
  primary: 'limit',
  protective: 'higher',
};

export const respiratoryRateHigh: LimitRuleDef = {
  kind: 'limit',
  id: 'respiratory_rate_high',
  priority: 'medium',
  readingType: 'respiratory_rate',
  raise: [{ field: 'value', op: '>=', param: 'limit' }],
  clear: [{ field: 'value', op: '<=', param: 'clear' }],
  confirm: { readings: 'confirmReadings', minutes: 'confirmMinutes' },
  params: {
    limit: param(25, '/min', `${NEWS2}: ≥25 scores 3`, 15, 60),
    clear: param(20, '/min', `${NEWS2}: 12–20 scores 0`, 10, 60),
    confirmReadings: confirmReadings(2),
    confirmMinutes: confirmMinutes(5),
  },
  primary: 'limit',
  protective: 'lower',
};

const AHA_CRISIS = 'AHA hypertensive crisis >180 and/or >120, REFERENCE.md §2';

/** Hypertensive crisis; confirmed by a second reading or 5 minutes (AHA: wait five minutes and measure again). */
export const bpCrisis: LimitRuleDef = {
  kind: 'limit',
  id: 'bp_crisis',
  priority: 'high',
  readingType: 'blood_pressure',
  raise: [
    { field: 'systolic', op: '>', param: 'systolicLimit' },
    { field: 'diastolic', op: '>', param: 'diastolicLimit' },
  ],
  clear: [
    { field: 'systolic', op: '<=', param: 'systolicClear' },
    { field: 'diastolic', op: '<=', param: 'diastolicClear' },
  ],
  confirm: { readings: 'confirmReadings', minutes: 'confirmMinutes' },
  supersedes: ['bp_elevated_home', 'bp_above_target'],
  params: {
    systolicLimit: param(180, 'mm[Hg]', AHA_CRISIS, 140, 250),
    diastolicLimit: param(120, 'mm[Hg]', AHA_CRISIS, 80, 160),
    systolicClear: param(160, 'mm[Hg]', HYSTERESIS, 120, 250),
    diastolicClear: param(100, 'mm[Hg]', HYSTERESIS, 60, 160),
    confirmReadings: confirmReadings(2),
    confirmMinutes: param(5, 'min', 'AHA: if above 180/120, wait five minutes and measure again', 0, 60),
  },
  primary: 'systolicLimit',
  protective: 'lower',
};

/** Raised home blood pressure, confirmed over consecutive readings (awareness, for the next review). */
export function bpAbove(id: 'bp_elevated_home' | 'bp_above_target', systolic: Cited, diastolic: Cited, op: '>=' | '>'): LimitRuleDef {
  return {
    kind: 'limit',
    id,
    priority: 'low',
    readingType: 'blood_pressure',
    raise: [
      { field: 'systolic', op, param: 'systolicLimit' },
      { field: 'diastolic', op, param: 'diastolicLimit' },
    ],
    clear: [
      { field: 'systolic', op: '<', param: 'systolicClear' },
      { field: 'diastolic', op: '<', param: 'diastolicClear' },
    ],
    confirm: { readings: 'confirmReadings' },
    params: {
      systolicLimit: param(systolic.value, 'mm[Hg]', systolic.source, 100, 200),
      diastolicLimit: param(diastolic.value, 'mm[Hg]', diastolic.source, 60, 130),
      systolicClear: param(systolic.value - 5, 'mm[Hg]', `${HYSTERESIS}: 5 mmHg below the limit`, 90, 200),
      diastolicClear: param(diastolic.value - 5, 'mm[Hg]', `${HYSTERESIS}: 5 mmHg below the limit`, 50, 130),
      confirmReadings: param(
        3,
        '{readings}',
        'project choice: home BP is judged on repeated readings, not one (Hypertension Canada)',
        1,
        14,
      ),
    },
    primary: 'systolicLimit',
    protective: 'lower',
  };
}

/** Low systolic pressure; the number is NEWS2's, the concern is Allina's "BP lower than usual" (heart transplant). */
export const bpLow: LimitRuleDef = {
  kind: 'limit',
  id: 'bp_low',
  priority: 'medium',
  readingType: 'blood_pressure',
  raise: [{ field: 'systolic', op: '<=', param: 'systolicLimit' }],
  clear: [{ field: 'systolic', op: '>=', param: 'systolicClear' }],
  confirm: { readings: 'confirmReadings', minutes: 'confirmMinutes' },
  params: {
    systolicLimit: param(100, 'mm[Hg]', `${NEWS2}: systolic 91–100 scores 2, ≤90 scores 3`, 70, 130),
    systolicClear: param(111, 'mm[Hg]', `${NEWS2}: 111–219 scores 0`, 80, 140),
    confirmReadings: confirmReadings(2),
    confirmMinutes: confirmMinutes(5),
  },
  primary: 'systolicLimit',
  protective: 'higher',
};

const ADA_PREPRANDIAL = 'project choice: lower end of the ADA pre-prandial target 4.4–7.2 mmol/L (ADA Standards of Care)';

export const glucoseLowLevel2: LimitRuleDef = {
  kind: 'limit',
  id: 'glucose_low_l2',
  priority: 'high',
  readingType: 'blood_glucose',
  raise: [{ field: 'value', op: '<', param: 'limit' }],
  clear: [{ field: 'value', op: '>=', param: 'clear' }],
  supersedes: ['glucose_low_l1'],
  params: {
    limit: param(3.0, 'mmol/L', 'ADA Standards of Care: level 2 hypoglycaemia <3.0 mmol/L, REFERENCE.md §2', 2, 5),
    clear: param(4.4, 'mmol/L', ADA_PREPRANDIAL, 3, 8),
  },
  primary: 'limit',
  protective: 'higher',
};

export const glucoseLowLevel1: LimitRuleDef = {
  kind: 'limit',
  id: 'glucose_low_l1',
  priority: 'medium',
  readingType: 'blood_glucose',
  raise: [{ field: 'value', op: '<', param: 'limit' }],
  clear: [{ field: 'value', op: '>=', param: 'clear' }],
  params: {
    limit: param(3.9, 'mmol/L', 'ADA Standards of Care: level 1 hypoglycaemia <3.9 mmol/L, REFERENCE.md §2', 2.5, 6),
    clear: param(4.4, 'mmol/L', ADA_PREPRANDIAL, 3, 8),
  },
  primary: 'limit',
  protective: 'higher',
};

export const glucoseHigh: LimitRuleDef = {
  kind: 'limit',
  id: 'glucose_high',
  priority: 'low',
  readingType: 'blood_glucose',
  raise: [{ field: 'value', op: '>', param: 'limit' }],
  clear: [{ field: 'value', op: '<=', param: 'clear' }],
  confirm: { readings: 'confirmReadings', minutes: 'confirmMinutes' },
  params: {
    limit: param(13.9, 'mmol/L', 'CGM consensus: time above 13.9 mmol/L should be <5 %, REFERENCE.md §2', 8, 30),
    clear: param(10.0, 'mmol/L', 'CGM consensus (Battelino 2019): target range 3.9–10.0 mmol/L', 6, 30),
    confirmReadings: confirmReadings(2),
    confirmMinutes: param(60, 'min', 'project choice: "time above" — high for an hour, not one spike', 0, 1440),
  },
  primary: 'limit',
  protective: 'lower',
};

/** Weight gain between morning weights within `windowDays` days. */
export function weightGain(windowDays: 1 | 2 | 3 | 7, limit: Cited, op: '>' | '>='): WeightGainRuleDef {
  return {
    kind: 'weight_gain',
    id: `weight_gain_${windowDays}d`,
    priority: 'medium', // the published advice is "call the team" — a prompt response
    windowDays,
    op,
    params: {
      limitKg: param(limit.value, 'kg', limit.source, 0.2, 10),
      clearKg: param(Math.round((limit.value / 2) * 100) / 100, 'kg', `${HYSTERESIS}: half the limit`, 0, 10),
    },
    primary: 'limitKg',
    protective: 'lower',
  };
}

export function news2Rule(level: 'medium' | 'high'): News2RuleDef {
  if (level === 'high') {
    return {
      kind: 'news2',
      id: 'news2_high',
      priority: 'high', // RCP: ≥7 → emergency response = IEC immediate response
      singleParameter3: false,
      supersedes: ['news2_medium'],
      params: { score: param(7, '{score}', 'NEWS2 (RCP 2017): aggregate ≥7 high risk, REFERENCE.md §1', 3, 20) },
      primary: 'score',
      protective: 'lower',
    };
  }
  return {
    kind: 'news2',
    id: 'news2_medium',
    priority: 'medium', // RCP: 5–6 urgent response, single 3 urgent ward-based response = IEC prompt response
    singleParameter3: true,
    params: { score: param(5, '{score}', 'NEWS2 (RCP 2017): aggregate 5–6 medium risk, REFERENCE.md §1', 1, 20) },
    primary: 'score',
    protective: 'lower',
  };
}

const DEVICE = 'project choice (issue #4), not a clinical number';

export const DEVICE_RULES: readonly DeviceRuleDef[] = [
  {
    kind: 'device',
    id: 'device_battery_low',
    priority: 'low',
    condition: 'battery',
    params: { limit: param(20, '%', DEVICE, 1, 90), clear: param(30, '%', DEVICE, 1, 100) },
    primary: 'limit',
    protective: 'higher',
  },
  {
    kind: 'device',
    id: 'device_clock_wrong',
    priority: 'low',
    condition: 'clock',
    // measurement times are corrected by the gateway (IEEE 11073 coincident time stamp, REFERENCE.md §3); a device
    // this far off is worth setting right
    params: { limitMinutes: param(5, 'min', DEVICE, 1, 120), clearMinutes: param(2, 'min', DEVICE, 0, 120) },
    primary: 'limitMinutes',
    protective: 'lower',
  },
  { kind: 'device', id: 'device_offline', priority: 'low', condition: 'offline', params: {}, primary: '', protective: 'lower' },
];

/** Grace on top of the expected interval before a reading counts as missing: daily → 36 h. */
export const MISSING_GRACE_FACTOR = 1.5; // project choice (issue #4: "weight daily → alert after 36 h")

export function missingDataRules(cadence: Readonly<Partial<Record<VitalType, Cadence>>>): MissingDataRuleDef[] {
  const rules: MissingDataRuleDef[] = [];
  for (const [type, c] of Object.entries(cadence) as [VitalType, Cadence][]) {
    rules.push({
      kind: 'missing_data',
      id: `missing_${type}`,
      priority: 'low', // awareness: the team contacts the patient; device_offline is a separate rule
      readingType: type,
      params: {
        maxGapHours: param(
          c.everyHours * MISSING_GRACE_FACTOR,
          'h',
          `${c.source}; alert after 1.5 × the interval (project choice)`,
          1,
          24 * 14,
        ),
      },
      primary: 'maxGapHours',
      protective: 'lower',
    });
  }
  return rules;
}
