import { describe, expect, it } from 'vitest';
import { localHour } from '../physiology/circadian.ts';
import { planCohort } from './plan-cohort.ts';
import { SCENARIOS } from './scenario-catalogue.ts';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-03-02T03:00:00Z');
const options = {
  count: 40,
  seed: 5,
  mix: { stable: 0.3, infection: 0.1, hf_decompensation: 0.1, hypoglycaemia: 0.1, copd_exacerbation: 0.1, rural_connectivity: 0.3 },
  startMs: START,
  days: 7,
  utcOffsetMinutes: 300,
};

describe('planCohort', () => {
  const plans = planCohort(options);

  it('is the same for the same seed, and scenario and programme do not depend on the start', () => {
    expect(planCohort(options)).toEqual(plans);
    const later = planCohort({ ...options, startMs: START + 3 * DAY_MS });
    expect(later.map((p) => [p.scenario, p.programme, p.seed])).toEqual(plans.map((p) => [p.scenario, p.programme, p.seed]));
  });

  it('gives every patient a programme their scenario fits, and COPD its 88–92 % prescription', () => {
    for (const p of plans) {
      expect(SCENARIOS[p.scenario].programmes).toContain(p.programme);
      expect(p.spo2Target).toBe(p.programme === 'copd' ? '88-92' : undefined);
    }
    expect(plans.filter((p) => p.scenario === 'hf_decompensation').every((p) => p.programme === 'heart_failure')).toBe(true);
  });

  it('places onsets after the warm-up and with the runway the rules need before the end', () => {
    for (const p of plans) {
      const spec = SCENARIOS[p.scenario];
      if (spec.kind === 'none') {
        expect(p.onsetMs).toBeUndefined();
        continue;
      }
      expect(p.onsetMs).toBeGreaterThanOrEqual(START + spec.warmupMs);
      expect(p.onsetMs).toBeLessThanOrEqual(START + 7 * DAY_MS - spec.runwayMs + DAY_MS);
      expect(p.endMs).toBe((p.onsetMs ?? 0) + spec.durationMs);
    }
  });

  it('starts hypoglycaemia at 06:00 local, before the fasting check', () => {
    const hypos = plans.filter((p) => p.scenario === 'hypoglycaemia');
    expect(hypos.length).toBeGreaterThan(0);
    for (const p of hypos) expect(localHour(p.onsetMs ?? 0, 300)).toBeCloseTo(6);
  });
});
