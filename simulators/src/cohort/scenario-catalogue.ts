import { PROGRAMME_IDS, type ProgrammeId } from '@rpm/contracts';
import { CLINICAL_SCENARIOS, type ClinicalScenarioId } from '../physiology/clinical-scenarios.ts';
import { episodeEndMs } from '../physiology/episode-shape.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const SCENARIO_IDS = [
  'stable',
  'infection',
  'rejection',
  'hf_decompensation',
  'hypertensive_crisis',
  'hypoglycaemia',
  'copd_exacerbation',
  'device_offline',
  'rural_connectivity',
  'clock_skew',
  'duplicate_uploads',
  'low_battery',
  'faulty_firmware',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export type DeviceScenarioId = Exclude<ScenarioId, 'stable' | ClinicalScenarioId>;

/**
 * What the platform should do about a scenario. Rule ids are those of server/src/rules (docs/clinical-rules.md);
 * an id ending in `*` matches every rule with that prefix.
 */
export interface ScenarioSpec {
  readonly kind: 'none' | 'clinical' | 'device';
  /** programmes a patient with this scenario is enrolled in (one is drawn per patient) */
  readonly programmes: readonly ProgrammeId[];
  /** rules that detect the event: any one of them raised after the onset counts as detected */
  readonly expectedRuleIds: (programme: ProgrammeId) => readonly string[];
  /** rules that may fire as a consequence and are therefore not false alerts (e.g. bp_elevated_home in a crisis) */
  readonly relatedRuleIds: readonly string[];
  /** simulated time the onset must come after the start: the rule needs history (weight baselines) */
  readonly warmupMs: number;
  /** simulated time after the onset the rules need to see it */
  readonly runwayMs: number;
  /** when the event is over, from its onset (ms); the effect window for matching alerts */
  readonly durationMs: number;
}

const TRANSPLANTS: readonly ProgrammeId[] = ['kidney_transplant', 'liver_transplant', 'heart_transplant'];
const none = (): readonly string[] => [];
const always =
  (...ids: string[]) =>
  (): readonly string[] =>
    ids;
const duration = (id: ClinicalScenarioId): number => episodeEndMs(CLINICAL_SCENARIOS[id].shape, 0);

export const SCENARIOS: Readonly<Record<ScenarioId, ScenarioSpec>> = {
  stable: { kind: 'none', programmes: PROGRAMME_IDS, expectedRuleIds: none, relatedRuleIds: [], warmupMs: 0, runwayMs: 0, durationMs: 0 },
  infection: {
    kind: 'clinical',
    programmes: TRANSPLANTS,
    expectedRuleIds: always('fever'),
    relatedRuleIds: ['heart_rate_high', 'respiratory_rate_high'],
    warmupMs: 6 * HOUR_MS,
    runwayMs: DAY_MS,
    durationMs: duration('infection'),
  },
  rejection: {
    kind: 'clinical',
    // Liver's rule (≥ 1.8 kg in 2 days) is not meant to catch a slow gain: kidney and heart only.
    programmes: ['kidney_transplant', 'heart_transplant'],
    expectedRuleIds: (p) =>
      p === 'kidney_transplant' ? ['weight_gain_7d', 'weight_gain_1d', 'bp_above_target'] : ['weight_gain_7d', 'weight_gain_1d'],
    relatedRuleIds: ['bp_crisis'],
    warmupMs: 2 * DAY_MS,
    runwayMs: 4 * DAY_MS,
    durationMs: duration('rejection'),
  },
  hf_decompensation: {
    kind: 'clinical',
    programmes: ['heart_failure'],
    expectedRuleIds: always('weight_gain_3d'),
    relatedRuleIds: ['heart_rate_high', 'spo2_below_target', 'spo2_very_low'],
    warmupMs: 2 * DAY_MS,
    // The rule compares a morning weight with the earliest of the 3 days before: the gain passes 2 kg at the third
    // morning after the first weighing since the onset, up to 4 days after it (the 100-patient runs measured 81.9–89.2 h).
    runwayMs: 4 * DAY_MS,
    durationMs: duration('hf_decompensation'),
  },
  hypertensive_crisis: {
    kind: 'clinical',
    programmes: ['hypertension', 'heart_failure', 'kidney_transplant', 'heart_transplant', 'liver_transplant'],
    expectedRuleIds: always('bp_crisis'),
    relatedRuleIds: ['bp_elevated_home', 'bp_above_target', 'news2_*'],
    warmupMs: 6 * HOUR_MS,
    runwayMs: DAY_MS,
    durationMs: duration('hypertensive_crisis'),
  },
  hypoglycaemia: {
    kind: 'clinical',
    programmes: ['diabetes'],
    expectedRuleIds: always('glucose_low_l2', 'glucose_low_l1'),
    relatedRuleIds: [],
    warmupMs: 6 * HOUR_MS,
    runwayMs: DAY_MS,
    durationMs: duration('hypoglycaemia'),
  },
  copd_exacerbation: {
    kind: 'clinical',
    programmes: ['copd'],
    expectedRuleIds: always('spo2_below_target', 'spo2_very_low', 'respiratory_rate_high'),
    relatedRuleIds: ['news2_*'],
    warmupMs: 6 * HOUR_MS,
    runwayMs: 2 * DAY_MS,
    durationMs: duration('copd_exacerbation'),
  },
  // Device scenarios: any programme. Missing-data alerts during an outage are a consequence, not false alerts.
  // The platform does not alert on a disconnect (rural devices connect, upload and disconnect by design:
  // docs/clinical-rules.md §8): a device off for longer than the cadence shows as missing data; an 8-hour gap
  // followed by a store-and-forward upload should alert on nothing.
  device_offline: device(['missing_*'], [], 30 * HOUR_MS),
  rural_connectivity: device([], ['missing_*'], 8 * HOUR_MS),
  clock_skew: device(['device_clock_wrong'], [], 2 * DAY_MS),
  duplicate_uploads: device([], [], 2 * DAY_MS),
  low_battery: device(['device_battery_low'], [], 2 * DAY_MS),
  faulty_firmware: device([], ['missing_*'], 2 * DAY_MS),
};

function device(expected: string[], related: string[], durationMs: number): ScenarioSpec {
  return {
    kind: 'device',
    programmes: PROGRAMME_IDS,
    expectedRuleIds: always(...expected),
    relatedRuleIds: related,
    warmupMs: HOUR_MS,
    runwayMs: Math.min(durationMs, 6 * HOUR_MS),
    durationMs,
  };
}

export function isScenarioId(text: string): text is ScenarioId {
  return (SCENARIO_IDS as readonly string[]).includes(text);
}
