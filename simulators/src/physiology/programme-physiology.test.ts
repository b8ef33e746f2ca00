import { describe, expect, it } from 'vitest';
import { PROGRAMME_IDS, type CanonicalReading, type ProgrammeId } from '@rpm/contracts';
import { deriveSeed } from '../random.ts';
import { clinicalScenario, type ClinicalScenarioId } from './clinical-scenarios.ts';
import { sessionsBetween } from './measurement-schedule.ts';
import { measureVitals } from './measure-vitals.ts';
import { PROGRAMME_PHYSIOLOGY } from './programme-physiology.ts';
import { createSimulatedPatient, DEFAULT_UTC_OFFSET_MINUTES } from './simulated-patient.ts';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-03-02T00:00:00Z');

function readingsOf(programme: ProgrammeId, seed: number, days: number, scenario?: { id: ClinicalScenarioId; onsetMs: number }) {
  const patient = createSimulatedPatient({
    seed,
    profile: 'stable',
    programme,
    scenarios: scenario === undefined ? [] : [clinicalScenario(scenario.id, scenario.onsetMs)],
  });
  const sessions = sessionsBetween(
    PROGRAMME_PHYSIOLOGY[programme].schedule,
    seed,
    DEFAULT_UTC_OFFSET_MINUTES,
    START,
    START + days * DAY_MS,
  );
  return sessions.flatMap((s) => measureVitals(patient, s.types, s.atMs));
}

const values = (readings: readonly CanonicalReading[], type: CanonicalReading['type']): number[] =>
  readings.flatMap((r) => (r.type !== type ? [] : r.type === 'blood_pressure' ? [r.systolic] : [r.value]));
/** n consecutive values satisfying the condition, as the platform's sustained rules need */
const consecutive = (xs: readonly number[], n: number, test: (x: number) => boolean): boolean =>
  xs.some((_, i) => i + n <= xs.length && xs.slice(i, i + n).every(test));

describe('stable patients of each programme stay clear of their programme’s alert limits for a week', () => {
  // The limits are docs/clinical-rules.md §9 (server/src/rules/programmes.ts); the simulator must not import them.
  it.each(PROGRAMME_IDS)('%s', (programme) => {
    for (let i = 0; i < 15; i++) {
      const readings = readingsOf(programme, deriveSeed(42, `${programme}-${i}`), 7);
      const temperatures = values(readings, 'body_temperature');
      const bp = readings.flatMap((r) => (r.type === 'blood_pressure' ? [r] : []));
      const spo2 = values(readings, 'spo2');
      const spo2Floor = programme === 'copd' ? 88 : 94;
      expect(Math.max(...temperatures, 36), 'fever limit 37.8 °C (kidney)').toBeLessThan(37.8);
      expect(bp.every((r) => r.systolic <= 180 && r.diastolic <= 120)).toBe(true);
      // bp_low (systolic ≤ 100) belongs to the heart programmes only
      if (programme === 'heart_failure' || programme === 'heart_transplant') expect(bp.every((r) => r.systolic > 100)).toBe(true);
      if (programme === 'kidney_transplant')
        expect(
          consecutive(
            bp.map((r) => (r.systolic >= 130 || r.diastolic >= 80 ? 1 : 0)),
            3,
            (x) => x === 1,
          ),
        ).toBe(false);
      if (programme === 'hypertension')
        expect(
          consecutive(
            bp.map((r) => (r.systolic >= 135 || r.diastolic >= 85 ? 1 : 0)),
            3,
            (x) => x === 1,
          ),
        ).toBe(false);
      expect(
        consecutive(spo2, 2, (x) => x < spo2Floor),
        `SpO2 below ${spo2Floor} twice`,
      ).toBe(false);
      expect(consecutive(values(readings, 'heart_rate'), 2, (x) => x >= 131 || x <= 40)).toBe(false);
      expect(consecutive(values(readings, 'respiratory_rate'), 2, (x) => x >= 25)).toBe(false);
      const glucose = values(readings, 'blood_glucose');
      expect(glucose.every((g) => g >= 3.9)).toBe(true);
      expect(consecutive(glucose, 2, (g) => g > 13.9)).toBe(false);
    }
  });

  it('gives COPD patients an 88–92 % baseline and a prescribed 88–92 % target, and diabetes bigger meal rises', () => {
    const copd = values(readingsOf('copd', 5, 3), 'spo2');
    const mean = copd.reduce((a, b) => a + b, 0) / copd.length;
    expect(mean).toBeGreaterThanOrEqual(88);
    expect(mean).toBeLessThanOrEqual(92);
    expect(PROGRAMME_PHYSIOLOGY.copd.spo2Target).toBe('88-92');
    const glucose = values(readingsOf('diabetes', 5, 3), 'blood_glucose');
    expect(Math.max(...glucose) - Math.min(...glucose)).toBeGreaterThan(2);
  });
});

describe('clinical scenarios cross the limit the platform should raise on, and only after the onset', () => {
  const onsetMs = START + 2 * DAY_MS + 5 * 3_600_000;
  const split = (readings: readonly CanonicalReading[], onset: number) => ({
    before: readings.filter((r) => r.at < onset),
    after: readings.filter((r) => r.at >= onset),
  });
  /** the largest gain from one morning weight to a later one at most `days` days later (the rules' windows) */
  const gainWithin = (readings: readonly CanonicalReading[], days: number): number => {
    const weights = readings.flatMap((r) => (r.type === 'body_weight' ? [r] : []));
    let best = -Infinity;
    for (const a of weights)
      for (const b of weights) if (b.at > a.at && b.at - a.at <= (days + 0.5) * DAY_MS) best = Math.max(best, b.value - a.value);
    return best;
  };

  it.each<[ClinicalScenarioId, ProgrammeId, string, (r: readonly CanonicalReading[]) => boolean]>([
    ['infection', 'heart_transplant', 'fever > 38.1 °C', (r) => values(r, 'body_temperature').some((t) => t > 38.1)],
    ['infection', 'kidney_transplant', 'fever ≥ 37.8 °C', (r) => values(r, 'body_temperature').some((t) => t >= 37.8)],
    ['rejection', 'kidney_transplant', 'weight > 1.8 kg over a week', (r) => gainWithin(r, 7) > 1.8],
    ['hf_decompensation', 'heart_failure', 'weight > 2 kg over 3 days', (r) => gainWithin(r, 3) > 2],
    [
      'hypertensive_crisis',
      'hypertension',
      'BP > 180/120',
      (r) => r.some((x) => x.type === 'blood_pressure' && (x.systolic > 180 || x.diastolic > 120)),
    ],
    ['hypoglycaemia', 'diabetes', 'glucose < 3.0 mmol/L', (r) => values(r, 'blood_glucose').some((g) => g < 3.0)],
    ['copd_exacerbation', 'copd', 'SpO2 < 88 % twice', (r) => consecutive(values(r, 'spo2'), 2, (x) => x < 88)],
  ])('%s (%s): %s', (id, programme, _what, crosses) => {
    let crossed = 0;
    const patients = 20;
    for (let i = 0; i < patients; i++) {
      const seed = deriveSeed(7, `${id}-${i}`);
      // hypoglycaemia is planned at 06:00 local (plan-cohort.ts): 01:00 UTC at +05:00
      const onset = id === 'hypoglycaemia' ? START + 2 * DAY_MS + 3_600_000 : onsetMs;
      const readings = readingsOf(programme, seed, 8, { id, onsetMs: onset });
      const { before } = split(readings, onset);
      expect(crosses(before), `seed ${seed} before the onset`).toBe(false);
      // with the last day before the onset, so a weight gain has its baseline
      if (crosses(split(readings, onset - DAY_MS).after)) crossed++;
    }
    // Day-to-day noise (morning weight varies by a few hundred grams) means a rule can miss a patient: that is
    // what the evaluation measures. The scenario itself must cross for nearly everyone.
    expect(crossed / patients).toBeGreaterThanOrEqual(0.85);
  });

  it('changes nothing before the onset and is a pure function of (patient, time)', () => {
    const scenario = clinicalScenario('infection', onsetMs);
    const patient = createSimulatedPatient({ seed: 3, profile: 'stable', programme: 'kidney_transplant' });
    expect(scenario(patient, onsetMs - 1)).toEqual({});
    expect(scenario(patient, onsetMs + DAY_MS)).toEqual(scenario(patient, onsetMs + DAY_MS));
    const full = scenario(patient, onsetMs + DAY_MS);
    // correlated: pulse follows temperature (~8.5 /min per °C)
    expect(full.heart_rate).toBeCloseTo((full.body_temperature ?? 0) * 8.5);
  });
});
