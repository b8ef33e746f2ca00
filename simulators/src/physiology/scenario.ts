import type { PhysiologicalVariable, VitalState } from './physiological-variables.ts';

/** What a scenario may know about the patient it acts on. */
export interface ScenarioSubject {
  /** the patient's seed: scenarios draw their own per-patient parameters from it */
  readonly seed: number;
  readonly baseline: VitalState;
  readonly utcOffsetMinutes: number;
}

/** Additive changes to the true value of variables, in their canonical units (e.g. `{ spo2: -6 }`). */
export type VitalModifiers = Partial<Record<PhysiologicalVariable, number>>;

/**
 * A scenario is a pure function of (patient, time) → modifiers of the patient's true state. Pure, so ground truth
 * can be recomputed for any instant and a scenario gives the same answer however often it is asked.
 *
 * To add one: write a factory that takes the scenario's parameters and returns a Scenario (see
 * desaturation-scenario.ts), then attach it to a patient profile in simulated-patient.ts.
 */
export type Scenario = (subject: ScenarioSubject, atMs: number) => VitalModifiers;

/** Sums the modifiers of several scenarios acting at once. */
export function combineModifiers(all: readonly VitalModifiers[]): VitalModifiers {
  const sum: Partial<Record<PhysiologicalVariable, number>> = {};
  for (const modifiers of all) {
    for (const [variable, delta] of Object.entries(modifiers) as [PhysiologicalVariable, number | undefined][]) {
      if (delta !== undefined) sum[variable] = (sum[variable] ?? 0) + delta;
    }
  }
  return sum;
}
