import type { Rule } from './rule.ts';

/**
 * SpO2 below 92 % → high priority. NEWS2 Chart 1 (RCP 2017), SpO2 scale 1: ≤91 % scores 3, a single-parameter
 * trigger for an urgent response. (Patients on the 88–92 % target scale get their own rule with the programme packs.)
 */
export const SPO2_LOW_THRESHOLD_PERCENT = 92;

export const spo2Low: Rule = {
  id: 'spo2_low',
  readingType: 'spo2',
  priority: 'high',
  evaluate(reading) {
    if (reading.type !== 'spo2' || reading.value >= SPO2_LOW_THRESHOLD_PERCENT) return undefined;
    return { value: reading.value, threshold: SPO2_LOW_THRESHOLD_PERCENT };
  },
};
