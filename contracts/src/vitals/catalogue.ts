/**
 * The vital-sign catalogue: every measurement type a device may send, its LOINC code, its canonical UCUM unit,
 * the other units devices use (converted on ingest) and the plausible physiological range of a canonical value.
 *
 * Codes and units: HL7 FHIR R4 vital-signs profile and ../shared/clinical/REFERENCE.md §3.
 * The ranges are *plausibility* limits (what a living person can show and a home device can measure), not clinical
 * thresholds: a value outside them is a device or unit error and is rejected, never scored.
 */

export const VITAL_TYPES = [
  'heart_rate',
  'spo2',
  'respiratory_rate',
  'body_temperature',
  'blood_pressure',
  'body_weight',
  'blood_glucose',
] as const;

export type VitalType = (typeof VITAL_TYPES)[number];
export type ScalarVitalType = Exclude<VitalType, 'blood_pressure'>;

export interface Range {
  /** inclusive lower bound, in the canonical unit */
  readonly min: number;
  /** inclusive upper bound, in the canonical unit */
  readonly max: number;
}

/** A unit a device may send, and how to turn its value into the canonical unit. */
export interface UnitConversion {
  readonly unit: string;
  readonly toCanonical: (value: number) => number;
}

export interface VitalDefinition {
  readonly type: VitalType;
  /** LOINC code of the observation (FHIR vital-signs profile). */
  readonly loinc: string;
  /** Canonical UCUM unit: every stored value is in this unit. */
  readonly unit: string;
  /** Accepted non-canonical units, converted on ingest. */
  readonly alternatives: readonly UnitConversion[];
  /** Plausible range of the canonical value (for blood pressure: of the systolic value). */
  readonly range: Range;
  /** Number of decimals worth keeping after conversion. */
  readonly decimals: number;
}

const identity = (v: number): number => v;

export const VITALS: Readonly<Record<VitalType, VitalDefinition>> = {
  // LOINC 8867-4 Heart rate; UCUM /min. Range: adult bradycardia/tachycardia extremes seen by home monitors.
  heart_rate: { type: 'heart_rate', loinc: '8867-4', unit: '/min', alternatives: [], range: { min: 20, max: 300 }, decimals: 0 },
  // LOINC 2708-6 Oxygen saturation in arterial blood (59408-5 by pulse oximetry); UCUM %.
  // Pulse oximeters are not calibrated below ~50% (ISO 80601-2-61 accuracy range 70-100%).
  spo2: { type: 'spo2', loinc: '2708-6', unit: '%', alternatives: [], range: { min: 50, max: 100 }, decimals: 0 },
  // LOINC 9279-1 Respiratory rate; UCUM /min.
  respiratory_rate: { type: 'respiratory_rate', loinc: '9279-1', unit: '/min', alternatives: [], range: { min: 2, max: 80 }, decimals: 0 },
  // LOINC 8310-5 Body temperature; UCUM Cel, devices also send [degF]. Range: survivable core temperatures.
  body_temperature: {
    type: 'body_temperature',
    loinc: '8310-5',
    unit: 'Cel',
    alternatives: [{ unit: '[degF]', toCanonical: (f) => ((f - 32) * 5) / 9 }],
    range: { min: 25, max: 45 },
    decimals: 2,
  },
  // LOINC 85354-9 Blood pressure panel (systolic 8480-6, diastolic 8462-4); UCUM mm[Hg].
  blood_pressure: { type: 'blood_pressure', loinc: '85354-9', unit: 'mm[Hg]', alternatives: [], range: { min: 40, max: 300 }, decimals: 0 },
  // LOINC 29463-7 Body weight; UCUM kg, devices also send [lb_av] (avoirdupois pound = 0.45359237 kg exactly) and g.
  body_weight: {
    type: 'body_weight',
    loinc: '29463-7',
    unit: 'kg',
    alternatives: [
      { unit: '[lb_av]', toCanonical: (lb) => lb * 0.45359237 },
      { unit: 'g', toCanonical: (g) => g / 1000 },
    ],
    range: { min: 1, max: 500 },
    decimals: 2,
  },
  // LOINC 14743-9 Glucose [Moles/volume] in capillary blood; UCUM mmol/L. mg/dL ÷ 18.016 (glucose molar mass 180.16 g/mol).
  blood_glucose: {
    type: 'blood_glucose',
    loinc: '14743-9',
    unit: 'mmol/L',
    alternatives: [{ unit: 'mg/dL', toCanonical: (mg) => mg / 18.016 }],
    range: { min: 0.5, max: 50 },
    decimals: 2,
  },
};

/** Blood pressure components (LOINC 8480-6 systolic, 8462-4 diastolic) and their plausible ranges. */
export const BLOOD_PRESSURE_COMPONENTS = {
  systolic: { loinc: '8480-6', range: { min: 40, max: 300 } },
  diastolic: { loinc: '8462-4', range: { min: 20, max: 200 } },
} as const;

export function isVitalType(value: string): value is VitalType {
  return (VITAL_TYPES as readonly string[]).includes(value);
}

/** The conversion for `unit` to the canonical unit of `type`, or undefined when the unit is not accepted. */
export function conversionFor(type: VitalType, unit: string): ((value: number) => number) | undefined {
  const def = VITALS[type];
  if (unit === def.unit) return identity;
  return def.alternatives.find((a) => a.unit === unit)?.toCanonical;
}

export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
