import { mulberry32, uniform } from '../random.ts';
import { DEFAULT_DESATURATION, desaturationScenario } from './desaturation-scenario.ts';
import { PHYSIOLOGICAL_VARIABLES, VARIABLE_BEHAVIOUR, type PhysiologicalVariable, type VitalState } from './physiological-variables.ts';
import type { ProgrammeId } from '@rpm/contracts';
import { PROGRAMME_PHYSIOLOGY } from './programme-physiology.ts';
import type { Scenario, ScenarioSubject } from './scenario.ts';

export const PATIENT_PROFILES = ['stable', 'desaturating'] as const;
export type PatientProfile = (typeof PATIENT_PROFILES)[number];

export interface SimulatedPatient extends ScenarioSubject {
  readonly profile: PatientProfile;
  /** the programme whose stable physiology the baseline is drawn from; undefined = generic adult */
  readonly programme: ProgrammeId | undefined;
  /** multiplies the meal rises of glucose (1 = no diabetes) */
  readonly mealRiseFactor: number;
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
  /** extra scenarios on top of the profile's */
  readonly scenarios?: readonly Scenario[];
  /** draw the baseline from this programme's stable ranges (PROGRAMME_PHYSIOLOGY) */
  readonly programme?: ProgrammeId;
}

/**
 * Draws a patient's baselines from the ranges in VARIABLE_BEHAVIOUR, or a programme's own ranges where it has them;
 * the same seed gives the same patient.
 */
export function drawBaseline(seed: number, programme?: ProgrammeId): VitalState {
  const rng = mulberry32(seed);
  const overrides = programme === undefined ? {} : PROGRAMME_PHYSIOLOGY[programme].baseline;
  const baseline = {} as Record<PhysiologicalVariable, number>;
  for (const variable of PHYSIOLOGICAL_VARIABLES) {
    // One draw per variable whatever the range, so a programme does not reshuffle the other variables.
    const [min, max] = overrides[variable] ?? VARIABLE_BEHAVIOUR[variable].baseline;
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
    programme: options.programme,
    mealRiseFactor: options.programme === undefined ? 1 : PROGRAMME_PHYSIOLOGY[options.programme].mealRiseFactor,
    baseline: drawBaseline(options.seed, options.programme),
    utcOffsetMinutes: options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES,
    scenarios: [...profileScenarios(options.profile, options.anchorMs ?? 0), ...(options.scenarios ?? [])],
  };
}
