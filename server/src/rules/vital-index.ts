import type { VitalType } from '@rpm/contracts';

/** Dense indices for per-type arrays in the hot path (a property lookup by string costs more than an array slot). */
export const TYPE_INDEX: Readonly<Record<VitalType, number>> = {
  heart_rate: 0,
  spo2: 1,
  respiratory_rate: 2,
  body_temperature: 3,
  blood_pressure: 4,
  body_weight: 5,
  blood_glucose: 6,
};
export const TYPE_COUNT = 7;
export const HEART_RATE = 0;
export const SPO2 = 1;
export const RESPIRATORY_RATE = 2;
export const BODY_TEMPERATURE = 3;
export const BLOOD_PRESSURE = 4;
export const BODY_WEIGHT = 5;

/** Types that feed NEWS2 (blood pressure for systolic and its pulse). */
export const NEWS2_TYPE = [true, true, true, true, true, false, false] as const;
