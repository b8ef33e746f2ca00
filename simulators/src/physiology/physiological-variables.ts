/**
 * The physiological variables a simulated patient has, and how each behaves: where a patient's baseline is drawn
 * from, a gentle 24-hour rhythm, slow drift and the measurement noise of a home device. Blood pressure is two
 * variables (systolic, diastolic); every other variable is one vital type of the contracts' catalogue.
 *
 * All values are in the canonical UCUM unit of the catalogue (contracts/src/vitals/catalogue.ts).
 */
export const PHYSIOLOGICAL_VARIABLES = [
  'heart_rate',
  'spo2',
  'respiratory_rate',
  'body_temperature',
  'systolic',
  'diastolic',
  'body_weight',
  'blood_glucose',
] as const;

export type PhysiologicalVariable = (typeof PHYSIOLOGICAL_VARIABLES)[number];

/** A value for every variable: a baseline, a true state at an instant. */
export type VitalState = Readonly<Record<PhysiologicalVariable, number>>;

export interface VariableBehaviour {
  /** range a patient's baseline is drawn from, uniformly */
  readonly baseline: readonly [min: number, max: number];
  /** half the peak-to-trough swing of the 24-hour rhythm (a cosine) */
  readonly circadianAmplitude: number;
  /** local hour of the rhythm's peak */
  readonly circadianPeakHour: number;
  /** standard deviation of the slow drift around the baseline */
  readonly driftSd: number;
  /** how long a drift excursion lasts, ms */
  readonly driftPeriodMs: number;
  /** standard deviation of one measurement around the true value (truncated at ±3 SD) */
  readonly measurementSd: number;
  /** decimals the device displays and sends */
  readonly decimals: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Numbers are for plausible, *stable* adults at home: a stable patient should stay clear of the platform's alert
 * thresholds, so the alerts of a demo come from scenarios, not from noise.
 */
export const VARIABLE_BEHAVIOUR: Readonly<Record<PhysiologicalVariable, VariableBehaviour>> = {
  // Baseline inside the NEWS2 zero-score band 51–90 /min (RCP 2017, Chart 1). HR is lower at night and higher in
  // the afternoon (Degaute et al., Hypertension 1991;18:199–210); a gentle ±4 /min without modelling sleep.
  heart_rate: {
    baseline: [60, 85],
    circadianAmplitude: 4,
    circadianPeakHour: 15,
    driftSd: 3,
    driftPeriodMs: 10 * MINUTE_MS,
    measurementSd: 1.5,
    decimals: 0,
  },
  // Healthy adults 94–98%, typically 96–98% (BTS 2017 oxygen guideline, O'Driscoll et al., Thorax 2017). Oximeter
  // accuracy is ±3–4% Arms (ISO 80601-2-61) but one sensor's consecutive readings repeat far better: SD 0.5%.
  spo2: {
    baseline: [95, 99],
    circadianAmplitude: 0,
    circadianPeakHour: 0,
    driftSd: 0.4,
    driftPeriodMs: 10 * MINUTE_MS,
    measurementSd: 0.5,
    decimals: 0,
  },
  // NEWS2 zero-score band 12–20 /min (RCP 2017, Chart 1).
  respiratory_rate: {
    baseline: [12, 18],
    circadianAmplitude: 0.5,
    circadianPeakHour: 15,
    driftSd: 0.8,
    driftPeriodMs: 15 * MINUTE_MS,
    measurementSd: 0.7,
    decimals: 0,
  },
  // Mean oral temperature 36.8 ± 0.4 °C (Mackowiak et al., JAMA 1992;268:1578–80); the circadian rhythm peaks in
  // the late afternoon with ~0.5 °C peak to trough (Refinetti & Menaker, Physiol Behav 1992;51:613–37).
  body_temperature: {
    baseline: [36.4, 36.9],
    circadianAmplitude: 0.25,
    circadianPeakHour: 17,
    driftSd: 0.1,
    driftPeriodMs: HOUR_MS,
    measurementSd: 0.1,
    decimals: 1,
  },
  // Below the home-BP threshold 135/85 mmHg (Hypertension Canada; ../shared/clinical/REFERENCE.md §2). BP falls by
  // 10–20% at night in most people (ESH ABPM position paper, O'Brien et al., J Hypertens 2013;31:1731–68); a gentle
  // ±6/±4 mmHg here. Validated cuffs: mean error ≤ 5 mmHg, SD ≤ 8 (ISO 81060-2).
  systolic: {
    baseline: [115, 135],
    circadianAmplitude: 6,
    circadianPeakHour: 14,
    driftSd: 3,
    driftPeriodMs: HOUR_MS,
    measurementSd: 4,
    decimals: 0,
  },
  diastolic: {
    baseline: [70, 85],
    circadianAmplitude: 4,
    circadianPeakHour: 14,
    driftSd: 2,
    driftPeriodMs: HOUR_MS,
    measurementSd: 3,
    decimals: 0,
  },
  // Weight is lowest on waking, which is why heart-failure programmes weigh in the morning (ESC HFA,
  // heartfailurematters.org); ±0.3 kg over the day is illustrative. Home scales resolve 0.1 kg.
  body_weight: {
    baseline: [55, 100],
    circadianAmplitude: 0.3,
    circadianPeakHour: 20,
    driftSd: 0.2,
    driftPeriodMs: 6 * HOUR_MS,
    measurementSd: 0.1,
    decimals: 1,
  },
  // Pre-meal target 4.4–7.2 mmol/L (80–130 mg/dL; ADA Standards of Care 2024, §6); meals add their own rise (see
  // circadian.ts). Meters: 95% of results within ±0.83 mmol/L below 5.55 mmol/L or ±15% above (ISO 15197:2013).
  blood_glucose: {
    baseline: [4.5, 7],
    circadianAmplitude: 0,
    circadianPeakHour: 0,
    driftSd: 0.3,
    driftPeriodMs: HOUR_MS,
    measurementSd: 0.25,
    decimals: 1,
  },
};
