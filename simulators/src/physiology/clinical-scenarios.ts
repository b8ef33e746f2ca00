import type { EpisodeShape } from './episode-shape.ts';
import { episodeLevel } from './episode-shape.ts';
import type { PhysiologicalVariable } from './physiological-variables.ts';
import type { Scenario, ScenarioSubject, VitalModifiers } from './scenario.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The clinical scenarios of issue #7. Each is a pure function of (patient, time) with an onset: nothing changes
 * before it, so ground truth is "the event began at onsetMs". Sizes are what the sources describe where they give
 * numbers, otherwise illustrative (marked project choice); the thresholds they are meant to cross are the platform's
 * (server/src/rules/programmes.ts via docs/clinical-rules.md).
 */
export interface ClinicalScenarioDefinition {
  readonly shape: EpisodeShape;
  /** changes at full effect; a function of the patient where the target is an absolute value */
  readonly atFullEffect: (subject: ScenarioSubject) => VitalModifiers;
}

/** Fever: Karjalainen & Viitasalo (Arch Intern Med 1986;146:1169–71): pulse rises ~8.5 /min per °C. */
const PULSE_PER_DEGREE = 8.5;
const FEVER_RISE_CEL = 2.0;

export const CLINICAL_SCENARIOS = {
  /**
   * Transplant infection: temperature rises ~2 °C over half a day (true value ~38.4–38.9 °C, above every
   * programme's fever limit: kidney ≥37.8, liver >38.0, heart >38.1 °C; OHSU, Vidant, Allina via REFERENCE.md §2),
   * pulse and breathing follow.
   */
  infection: {
    shape: { riseMs: 12 * HOUR_MS, holdMs: 2 * DAY_MS, recoverMs: DAY_MS, curve: 'smooth' },
    atFullEffect: () => ({ body_temperature: FEVER_RISE_CEL, heart_rate: PULSE_PER_DEGREE * FEVER_RISE_CEL, respiratory_rate: 3 }),
  },
  /**
   * Signs of rejection: fluid retention and rising BP (OHSU: call for weight gain > 0.9 kg/day or > 1.8 kg/week;
   * REFERENCE.md §2). +2.5 kg over 4 days (0.6 kg/day, so the weekly rule rather than the daily one catches it)
   * and +22/+12 mmHg: project choice.
   */
  rejection: {
    shape: { riseMs: 4 * DAY_MS, holdMs: 3 * DAY_MS, recoverMs: 2 * DAY_MS, curve: 'linear' },
    atFullEffect: () => ({ body_weight: 2.5, systolic: 22, diastolic: 12, body_temperature: 0.3 }),
  },
  /**
   * Heart-failure decompensation: +2.5 kg over 3 days (issue #7; ESC HFA: > 2 kg in 3 days → contact the team,
   * REFERENCE.md §2), with the congestion's faster pulse and breathing and a slight fall in SpO2 (illustrative).
   * Weighed once a morning, a linear rise of 2.5 kg over 3 days shows a 3-day gain of 2.08–2.5 kg (the onset falls
   * between two weighings), within the mornings' noise of the rule's limit: about 87 % of onsets cross it
   * (hf-decompensation-weights.test.ts). Kept as the issue states it: the miss rate is a finding about the rule for
   * clinical review (docs/clinical-rules.md, heart failure), not something to tune away in the simulator.
   */
  hf_decompensation: {
    shape: { riseMs: 3 * DAY_MS, holdMs: 2 * DAY_MS, recoverMs: 3 * DAY_MS, curve: 'linear' },
    atFullEffect: () => ({ body_weight: 2.5, heart_rate: 10, respiratory_rate: 4, spo2: -2 }),
  },
  /** Hypertensive crisis: true BP ~195/125 mmHg (AHA: > 180 and/or > 120, REFERENCE.md §2) for a day and a half. */
  hypertensive_crisis: {
    shape: { riseMs: 4 * HOUR_MS, holdMs: 30 * HOUR_MS, recoverMs: 12 * HOUR_MS, curve: 'smooth' },
    atFullEffect: (subject) => ({ systolic: 195 - subject.baseline.systolic, diastolic: 125 - subject.baseline.diastolic, heart_rate: 8 }),
  },
  /**
   * Hypoglycaemia before breakfast: true glucose ~2.7 mmol/L (ADA level 2 < 3.0, level 1 < 3.9 mmol/L;
   * REFERENCE.md §2), with the adrenergic rise in pulse; treated within two hours. The onset is placed at 06:00
   * local so the fasting check at ~07:30 finds it.
   */
  hypoglycaemia: {
    shape: { riseMs: 45 * 60_000, holdMs: 2 * HOUR_MS, recoverMs: HOUR_MS, curve: 'smooth' },
    atFullEffect: (subject) => ({ blood_glucose: 2.7 - subject.baseline.blood_glucose, heart_rate: 12 }),
  },
  /**
   * COPD exacerbation: SpO2 falls ~4.5 points over a day (BTS 2017: assess when SpO2 falls ≥ 3 points or below
   * target), breathing and pulse faster (GOLD 2024 / Rome proposal, Celli et al. AJRCCM 2021: worsening dyspnoea
   * with tachypnoea and tachycardia over ≤ 14 days); +8 /min breathing, +12 /min pulse, +0.4 °C are illustrative.
   */
  copd_exacerbation: {
    shape: { riseMs: DAY_MS, holdMs: 3 * DAY_MS, recoverMs: 3 * DAY_MS, curve: 'smooth' },
    atFullEffect: () => ({ spo2: -4.5, respiratory_rate: 8, heart_rate: 12, body_temperature: 0.4 }),
  },
} as const satisfies Record<string, ClinicalScenarioDefinition>;

export type ClinicalScenarioId = keyof typeof CLINICAL_SCENARIOS;

/** The scenario as a pure function of (patient, time), starting at `onsetMs`. */
export function clinicalScenario(id: ClinicalScenarioId, onsetMs: number): Scenario {
  const definition: ClinicalScenarioDefinition = CLINICAL_SCENARIOS[id];
  return (subject, atMs) => {
    const level = episodeLevel(definition.shape, onsetMs, atMs);
    if (level === 0) return {};
    const full = definition.atFullEffect(subject);
    const modifiers: Partial<Record<PhysiologicalVariable, number>> = {};
    for (const [variable, delta] of Object.entries(full) as [PhysiologicalVariable, number][]) modifiers[variable] = delta * level;
    return modifiers;
  };
}

export function isClinicalScenarioId(id: string): id is ClinicalScenarioId {
  return Object.hasOwn(CLINICAL_SCENARIOS, id);
}
