import { hashString, smoothNoise } from '../random.ts';
import { circadianTerm, localHour } from './circadian.ts';
import { PHYSIOLOGICAL_VARIABLES, VARIABLE_BEHAVIOUR, type PhysiologicalVariable, type VitalState } from './physiological-variables.ts';
import { combineModifiers } from './scenario.ts';
import type { SimulatedPatient } from './simulated-patient.ts';

/** Stable hash keys per variable, so adding a variable does not reshuffle the others' noise. */
export const VARIABLE_KEYS: Readonly<Record<PhysiologicalVariable, number>> = Object.fromEntries(
  PHYSIOLOGICAL_VARIABLES.map((v) => [v, hashString(v)]),
) as Record<PhysiologicalVariable, number>;

const DRIFT_KEY = hashString('drift');
const AROUSAL_KEY = hashString('arousal');
const AROUSAL_PERIOD_MS = 20 * 60_000;

/**
 * Vitals are not independent: activity and stress raise pulse, blood pressure and breathing together. One shared
 * slow latent term (SD 1) moves them in step, per unit: illustrative sizes (project choice).
 */
const AROUSAL_EFFECT: Partial<Record<PhysiologicalVariable, number>> = {
  heart_rate: 3,
  systolic: 3,
  diastolic: 1.5,
  respiratory_rate: 0.6,
};

/**
 * The patient's true state at an instant (ground truth, before any measurement error):
 * baseline + 24-hour rhythm + slow drift + the scenarios' modifiers. A pure function of (patient, time).
 */
export function trueVitals(patient: SimulatedPatient, atMs: number): VitalState {
  const hour = localHour(atMs, patient.utcOffsetMinutes);
  const modifiers = combineModifiers(patient.scenarios.map((scenario) => scenario(patient, atMs)));
  const arousal = smoothNoise([patient.seed, AROUSAL_KEY], atMs, AROUSAL_PERIOD_MS);
  const state = {} as Record<PhysiologicalVariable, number>;
  for (const variable of PHYSIOLOGICAL_VARIABLES) {
    const behaviour = VARIABLE_BEHAVIOUR[variable];
    const drift = behaviour.driftSd * smoothNoise([patient.seed, DRIFT_KEY, VARIABLE_KEYS[variable]], atMs, behaviour.driftPeriodMs);
    const shared = (AROUSAL_EFFECT[variable] ?? 0) * arousal;
    state[variable] =
      patient.baseline[variable] + circadianTerm(variable, hour, patient.mealRiseFactor) + drift + shared + (modifiers[variable] ?? 0);
  }
  // Saturation cannot exceed 100%: a patient near the top drifts against the ceiling, not through it.
  state.spo2 = Math.min(100, state.spo2);
  return state;
}
