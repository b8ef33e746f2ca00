import type { ProgrammeId, Spo2Target } from '@rpm/contracts';
import { PROGRAMME_PHYSIOLOGY } from '../physiology/programme-physiology.ts';
import { deriveSeed, hashString, hashUnit, mulberry32 } from '../random.ts';
import { scenarioCounts, type ScenarioMix } from './parse-mix.ts';
import { SCENARIOS, type ScenarioId } from './scenario-catalogue.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** One patient of a cohort: who they are, what happens to them and when (simulated epoch ms). */
export interface CohortPatientPlan {
  readonly index: number;
  /** the patient's own seed (physiology, schedule, noise) */
  readonly seed: number;
  readonly scenario: ScenarioId;
  readonly programme: ProgrammeId;
  readonly spo2Target: Spo2Target | undefined;
  /** undefined for a stable patient */
  readonly onsetMs: number | undefined;
  readonly endMs: number | undefined;
}

export interface PlanCohortOptions {
  readonly count: number;
  readonly seed: number;
  readonly mix: ScenarioMix;
  /** simulated start, epoch ms */
  readonly startMs: number;
  /** simulated length of the cohort, days: onsets fall where the rules still have time to see them */
  readonly days: number;
  readonly utcOffsetMinutes: number;
}

const PROGRAMME_KEY = hashString('programme');
const ONSET_KEY = hashString('onset');

/** Assigns scenarios (a seeded shuffle, so they are not always the first patients), programmes and onsets. */
export function planCohort(options: PlanCohortOptions): CohortPatientPlan[] {
  const scenarios: ScenarioId[] = [];
  for (const [id, n] of scenarioCounts(options.mix, options.count)) for (let i = 0; i < n; i++) scenarios.push(id);
  const rng = mulberry32(deriveSeed(options.seed, 'scenarios'));
  for (let i = scenarios.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [scenarios[i], scenarios[j]] = [scenarios[j] as ScenarioId, scenarios[i] as ScenarioId];
  }
  const endOfCohort = options.startMs + options.days * DAY_MS;
  return scenarios.map((scenario, index) => {
    const seed = deriveSeed(options.seed, index);
    const spec = SCENARIOS[scenario];
    const programme = spec.programmes[Math.floor(hashUnit(seed, PROGRAMME_KEY) * spec.programmes.length)] ?? 'news2_general';
    const base = { index, seed, scenario, programme, spo2Target: PROGRAMME_PHYSIOLOGY[programme].spo2Target };
    if (spec.kind === 'none') return { ...base, onsetMs: undefined, endMs: undefined };
    const earliest = options.startMs + spec.warmupMs;
    const latest = Math.max(earliest, endOfCohort - spec.runwayMs);
    let onsetMs = Math.round(earliest + hashUnit(seed, ONSET_KEY) * (latest - earliest));
    if (scenario === 'hypoglycaemia') onsetMs = atLocalHour(onsetMs, 6, options.utcOffsetMinutes, earliest);
    return { ...base, onsetMs, endMs: onsetMs + spec.durationMs };
  });
}

/** The instant at `hour` local on the day of `atMs`, or the next day's if that is before `notBefore`. */
function atLocalHour(atMs: number, hour: number, utcOffsetMinutes: number, notBefore: number): number {
  const offsetMs = utcOffsetMinutes * 60_000;
  const dayStart = Math.floor((atMs + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
  const candidate = dayStart + hour * HOUR_MS;
  return candidate >= notBefore ? candidate : candidate + DAY_MS;
}
