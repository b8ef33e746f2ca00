import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random.ts';
import { clinicalScenario } from './clinical-scenarios.ts';
import { measureVitals } from './measure-vitals.ts';
import { sessionsBetween } from './measurement-schedule.ts';
import { PROGRAMME_PHYSIOLOGY } from './programme-physiology.ts';
import { createSimulatedPatient } from './simulated-patient.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** ESC HFA (heartfailurematters.org, REFERENCE.md §2): weight up > 2 kg in 3 days → contact the team */
const ESC_LIMIT_KG = 2;
const ESC_WINDOW_DAYS = 3;
const START_MS = Date.UTC(2026, 9, 1) - 5 * HOUR_MS; // local midnight, UTC+5
const DAYS = 16;

/** The heart-failure patient's morning weights (the programme's schedule, every session kept), one per local day. */
function morningWeights(seed: number, scenarioOnsetMs?: number): number[] {
  const patient = createSimulatedPatient({
    seed,
    profile: 'stable',
    programme: 'heart_failure',
    scenarios: scenarioOnsetMs === undefined ? [] : [clinicalScenario('hf_decompensation', scenarioOnsetMs)],
  });
  const schedule = PROGRAMME_PHYSIOLOGY.heart_failure.schedule.map((habit) => ({ ...habit, skipShare: 0 }));
  const weights: number[] = [];
  for (const session of sessionsBetween(schedule, seed, patient.utcOffsetMinutes, START_MS, START_MS + DAYS * DAY_MS)) {
    if (!session.types.includes('body_weight')) continue;
    const [reading] = measureVitals(patient, ['body_weight'], session.atMs);
    if (reading !== undefined && 'value' in reading) weights.push(reading.value);
  }
  return weights;
}

/** The largest gain of a morning over the morning three days before it: what weight_gain_3d compares, every day weighed. */
function largestThreeDayGainKg(weights: readonly number[]): number {
  let largest = -Infinity;
  for (let day = ESC_WINDOW_DAYS; day < weights.length; day++) {
    largest = Math.max(largest, Math.round(((weights[day] ?? NaN) - (weights[day - ESC_WINDOW_DAYS] ?? NaN)) * 1000) / 1000);
  }
  return largest;
}

describe('heart-failure decompensation against the ESC HFA weight rule (issue #7 item 3)', () => {
  // Weighed once a morning, +2.5 kg over 3 days (issue #7) shows a 3-day gain of 2.08–2.5 kg before noise, so some
  // onsets stay under the rule's > 2 kg once the mornings' ±0.2 kg physiological and scale noise is added. This pins
  // the measured share, so a change of physiology or rule that moves it is seen (docs/clinical-rules.md, heart failure).
  it('about 87 % (346) of 400 onsets, at any time of day, give a morning weight more than 2 kg above the one three days before', () => {
    const rng = mulberry32(2026);
    let detectable = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const onsetMs = START_MS + 5 * DAY_MS + rng() * DAY_MS;
      if (largestThreeDayGainKg(morningWeights(seed, onsetMs)) > ESC_LIMIT_KG) detectable++;
    }
    expect(detectable / 400).toBeGreaterThanOrEqual(0.8);
    expect(detectable / 400).toBeLessThanOrEqual(0.95);
  });

  it('a stable heart-failure patient never gains more than 2 kg in 3 days (no false weight alert from noise)', () => {
    const gains = Array.from({ length: 400 }, (_, i) => largestThreeDayGainKg(morningWeights(10_000 + i)));
    // the largest noise-only gain stays half a kilogram clear of the limit
    expect(Math.max(...gains)).toBeLessThanOrEqual(ESC_LIMIT_KG - 0.5);
  });
});
