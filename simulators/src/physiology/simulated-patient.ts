import { mulberry32, uniform } from '../random.ts';
import { DEFAULT_DESATURATION, desaturationScenario } from './desaturation-scenario.ts';
import { PHYSIOLOGICAL_VARIABLES, VARIABLE_BEHAVIOUR, type PhysiologicalVariable, type VitalState } from './physiological-variables.ts';
import type { Scenario, ScenarioSubject } from './scenario.ts';

export const PATIENT_PROFILES = ['stable', 'desaturating'] as const;
export type PatientProfile = (typeof PATIENT_PROFILES)[number];

export interface SimulatedPatient extends ScenarioSubject {
  readonly profile: PatientProfile;
  /** what acts on the patient's physiology; empty for a stable patient */
  readonly scenarios: readonly Scenario[];
}

/**
 * Kazakhstan has kept one time zone, UTC+5, since 1 March 2024 (Government decree of 29 Dec 2023); the patient's
 * local time drives the daily rhythm.
 */
export const DEFAULT_UTC_OFFSET_MINUTES = 300;

export interface CreatePatientOptions {
  readonly seed: number;
  readonly profile: PatientProfile;
  readonly utcOffsetMinutes?: number;
  /** epoch ms the profile's scenarios count from (the fleet's start), so a demo shows episodes soon after it starts */
  readonly anchorMs?: number;
  /** extra scenarios on top of the profile's (the scenario work adds them here) */
  readonly scenarios?: readonly Scenario[];
}

/** Draws a patient's baselines from the ranges in VARIABLE_BEHAVIOUR; the same seed gives the same patient. */
export function drawBaseline(seed: number): VitalState {
  const rng = mulberry32(seed);
  const baseline = {} as Record<PhysiologicalVariable, number>;
  for (const variable of PHYSIOLOGICAL_VARIABLES) {
    const [min, max] = VARIABLE_BEHAVIOUR[variable].baseline;
    baseline[variable] = uniform(rng, min, max);
  }
  return baseline;
}

function profileScenarios(profile: PatientProfile, anchorMs: number): readonly Scenario[] {
  switch (profile) {
    case 'stable':
      return [];
    case 'desaturating':
      return [desaturationScenario({ ...DEFAULT_DESATURATION, anchorMs })];
  }
}

export function createSimulatedPatient(options: CreatePatientOptions): SimulatedPatient {
  return {
    seed: options.seed,
    profile: options.profile,
    baseline: drawBaseline(options.seed),
    utcOffsetMinutes: options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES,
    scenarios: [...profileScenarios(options.profile, options.anchorMs ?? 0), ...(options.scenarios ?? [])],
  };
}
