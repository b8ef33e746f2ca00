import {
  news2Risk,
  scoreAirOrOxygen,
  scoreConsciousness,
  scorePulse,
  scoreRespiratoryRate,
  scoreSpo2Scale1,
  scoreSpo2Scale2,
  scoreSystolic,
  scoreTemperature,
} from './news2-score.ts';
import type { Consciousness, News2Parameter, News2ParameterName, News2Result } from './types.ts';
import { BLOOD_PRESSURE, BODY_TEMPERATURE, RESPIRATORY_RATE, SPO2 } from './vital-index.ts';

/** The latest value of each NEWS2 parameter a patient has (PatientState). */
export interface News2Inputs {
  readonly lastAt: Float64Array;
  /** value per type; systolic for blood pressure */
  readonly lastValue: Float64Array;
  /** of the latest SpO2 reading; absent on the reading means air (docs/clinical-rules.md) */
  readonly onOxygen: boolean;
  readonly pulseAt: number;
  readonly pulseValue: number;
  readonly consciousness: Consciousness | undefined;
  readonly consciousnessAt: number;
  readonly spo2Scale: 1 | 2;
}

export const NEWS2_COMPLETE = 127;
export const NEWS2_PARAMETER_NAMES: readonly News2ParameterName[] = [
  'respiratory_rate',
  'spo2',
  'air_or_oxygen',
  'systolic_bp',
  'pulse',
  'consciousness',
  'temperature',
];

/**
 * Scores the parameters measured at or after `from`. Returns score + 32 × (any single 3) + 64 × (bit mask of the
 * parameters present, in NEWS2_PARAMETER_NAMES order), so the per-reading path allocates nothing.
 */
export function news2Packed(p: News2Inputs, from: number): number {
  let score = 0;
  let any3 = 0;
  let mask = 0;
  let s: number;
  if ((p.lastAt[RESPIRATORY_RATE] ?? -Infinity) >= from) {
    s = scoreRespiratoryRate(p.lastValue[RESPIRATORY_RATE] ?? NaN);
    score += s;
    if (s === 3) any3 = 1;
    mask |= 1;
  }
  if ((p.lastAt[SPO2] ?? -Infinity) >= from) {
    s = p.spo2Scale === 2 ? scoreSpo2Scale2(p.lastValue[SPO2] ?? NaN, p.onOxygen) : scoreSpo2Scale1(p.lastValue[SPO2] ?? NaN);
    score += s + scoreAirOrOxygen(p.onOxygen);
    if (s === 3) any3 = 1;
    mask |= 2 | 4;
  }
  if ((p.lastAt[BLOOD_PRESSURE] ?? -Infinity) >= from) {
    s = scoreSystolic(p.lastValue[BLOOD_PRESSURE] ?? NaN);
    score += s;
    if (s === 3) any3 = 1;
    mask |= 8;
  }
  if (p.pulseAt >= from) {
    s = scorePulse(p.pulseValue);
    score += s;
    if (s === 3) any3 = 1;
    mask |= 16;
  }
  if (p.consciousness !== undefined && p.consciousnessAt >= from) {
    s = scoreConsciousness(p.consciousness);
    score += s;
    if (s === 3) any3 = 1;
    mask |= 32;
  }
  if ((p.lastAt[BODY_TEMPERATURE] ?? -Infinity) >= from) {
    s = scoreTemperature(p.lastValue[BODY_TEMPERATURE] ?? NaN);
    score += s;
    if (s === 3) any3 = 1;
    mask |= 64;
  }
  return score + 32 * any3 + 64 * mask;
}

export const packedScore = (packed: number): number => packed % 32;
export const packedAnyThree = (packed: number): boolean => Math.floor(packed / 32) % 2 === 1;
export const packedMask = (packed: number): number => Math.floor(packed / 64);

/** Counts the parameters missing from a mask. */
export function missingCount(mask: number): number {
  let n = 0;
  for (let bit = 1; bit < 128; bit <<= 1) if ((mask & bit) === 0) n++;
  return n;
}

/** The full NEWS2 record for display: each parameter's value, score and time, and what is missing. */
export function news2Result(p: News2Inputs, now: number, windowMs: number): News2Result {
  const from = now - windowMs;
  const fresh = (at: number): boolean => at >= from;
  const row = (name: News2ParameterName, present: boolean, value: number | string, score: number, at: number): News2Parameter =>
    present ? { name, value, score, at } : { name, value: null, score: null, at: null };
  const spo2At = p.lastAt[SPO2] ?? -Infinity;
  const spo2 = p.lastValue[SPO2] ?? NaN;
  const parameters: News2Parameter[] = [
    row(
      'respiratory_rate',
      fresh(p.lastAt[RESPIRATORY_RATE] ?? -Infinity),
      p.lastValue[RESPIRATORY_RATE] ?? NaN,
      scoreRespiratoryRate(p.lastValue[RESPIRATORY_RATE] ?? NaN),
      p.lastAt[RESPIRATORY_RATE] ?? -Infinity,
    ),
    row('spo2', fresh(spo2At), spo2, p.spo2Scale === 2 ? scoreSpo2Scale2(spo2, p.onOxygen) : scoreSpo2Scale1(spo2), spo2At),
    row('air_or_oxygen', fresh(spo2At), p.onOxygen ? 'oxygen' : 'air', scoreAirOrOxygen(p.onOxygen), spo2At),
    row(
      'systolic_bp',
      fresh(p.lastAt[BLOOD_PRESSURE] ?? -Infinity),
      p.lastValue[BLOOD_PRESSURE] ?? NaN,
      scoreSystolic(p.lastValue[BLOOD_PRESSURE] ?? NaN),
      p.lastAt[BLOOD_PRESSURE] ?? -Infinity,
    ),
    row('pulse', fresh(p.pulseAt), p.pulseValue, scorePulse(p.pulseValue), p.pulseAt),
    p.consciousness !== undefined && fresh(p.consciousnessAt)
      ? { name: 'consciousness', value: p.consciousness, score: scoreConsciousness(p.consciousness), at: p.consciousnessAt }
      : { name: 'consciousness', value: null, score: null, at: null },
    row(
      'temperature',
      fresh(p.lastAt[BODY_TEMPERATURE] ?? -Infinity),
      p.lastValue[BODY_TEMPERATURE] ?? NaN,
      scoreTemperature(p.lastValue[BODY_TEMPERATURE] ?? NaN),
      p.lastAt[BODY_TEMPERATURE] ?? -Infinity,
    ),
  ];
  let score = 0;
  let anyThree = false;
  const missing: News2ParameterName[] = [];
  for (const parameter of parameters) {
    if (parameter.score === null) missing.push(parameter.name);
    else {
      score += parameter.score;
      if (parameter.score === 3) anyThree = true;
    }
  }
  return { score, risk: news2Risk(score, anyThree), partial: missing.length > 0, missing, scale: p.spo2Scale, parameters, computedAt: now };
}
