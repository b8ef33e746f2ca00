import { describe, expect, it } from 'vitest';
import { BLOOD_PRESSURE_COMPONENTS, VITALS, VITAL_TYPES, type CanonicalReading } from '@rpm/contracts';
import { measureVitals } from './measure-vitals.ts';
import { createSimulatedPatient, type PatientProfile } from './simulated-patient.ts';
import { trueVitals } from './true-vitals.ts';

const T0 = Date.parse('2025-03-01T00:00:00Z');
const MINUTE = 60_000;

const patient = (seed: number, profile: PatientProfile = 'stable') => createSimulatedPatient({ seed, profile, anchorMs: T0 });

function series(seed: number, profile: PatientProfile, fromMs: number, toMs: number, stepMs: number): CanonicalReading[] {
  const p = patient(seed, profile);
  const readings: CanonicalReading[] = [];
  for (let t = fromMs; t < toMs; t += stepMs) readings.push(...measureVitals(p, VITAL_TYPES, t));
  return readings;
}

const spo2At = (seed: number, t: number): number => {
  const [reading] = measureVitals(patient(seed, 'desaturating'), ['spo2'], t);
  if (reading === undefined || reading.type === 'blood_pressure') throw new Error('expected an spo2 reading');
  return reading.value;
};

describe('measureVitals', () => {
  it('is deterministic for a seed', () => {
    const a = series(42, 'desaturating', T0, T0 + 60 * MINUTE, 5000);
    const b = series(42, 'desaturating', T0, T0 + 60 * MINUTE, 5000);
    expect(b).toEqual(a);
    expect(series(43, 'desaturating', T0, T0 + 60 * MINUTE, 5000)).not.toEqual(a);
  });

  it('does not depend on what was sampled before (a pure function of patient and time)', () => {
    const p = patient(5, 'desaturating');
    const t = T0 + 37 * MINUTE;
    const direct = measureVitals(p, VITAL_TYPES, t);
    for (let s = T0; s < t; s += 7_000) measureVitals(p, ['spo2'], s);
    expect(measureVitals(p, VITAL_TYPES, t)).toEqual(direct);
  });

  it.each(['stable', 'desaturating'] as const)('keeps every %s reading inside the catalogue ranges over two days', (profile) => {
    for (let seed = 1; seed <= 10; seed++) {
      for (const r of series(seed, profile, T0, T0 + 48 * 60 * MINUTE, 2 * MINUTE + 7_000)) {
        if (r.type === 'blood_pressure') {
          const { systolic, diastolic } = BLOOD_PRESSURE_COMPONENTS;
          expect(r.systolic).toBeGreaterThanOrEqual(systolic.range.min);
          expect(r.systolic).toBeLessThanOrEqual(systolic.range.max);
          expect(r.diastolic).toBeGreaterThanOrEqual(diastolic.range.min);
          expect(r.diastolic).toBeLessThan(r.systolic);
          expect(r.pulse).toBeGreaterThanOrEqual(VITALS.heart_rate.range.min);
        } else {
          expect(r.value).toBeGreaterThanOrEqual(VITALS[r.type].range.min);
          expect(r.value).toBeLessThanOrEqual(VITALS[r.type].range.max);
        }
      }
    }
  });

  // No single NEWS2 parameter scores 3 (RCP 2017, Chart 1) and SpO2 stays ≥ 92%: a stable patient's alerts would be noise.
  it('keeps stable patients clear of alerts: SpO2 ≥ 92%, pulse 41–130, temperature 35.1–39 °C, systolic 91–219', () => {
    for (let seed = 1; seed <= 30; seed++) {
      for (const r of series(seed, 'stable', T0, T0 + 24 * 60 * MINUTE, MINUTE + 3_000)) {
        if (r.type === 'spo2') expect(r.value).toBeGreaterThanOrEqual(92);
        if (r.type === 'heart_rate') expect([r.value >= 41, r.value <= 130]).toEqual([true, true]);
        if (r.type === 'body_temperature') expect([r.value >= 35.1, r.value <= 39]).toEqual([true, true]);
        if (r.type === 'blood_pressure') expect([r.systolic >= 91, r.systolic <= 219]).toEqual([true, true]);
      }
    }
  });

  it('rounds as a home device displays: integers for HR, SpO2, RR, BP; one decimal for temperature, weight, glucose', () => {
    for (const r of series(3, 'stable', T0, T0 + 60 * MINUTE, MINUTE)) {
      if (r.type === 'blood_pressure') expect(Number.isInteger(r.systolic) && Number.isInteger(r.diastolic)).toBe(true);
      else expect(Math.round(r.value * 10) / 10).toBe(r.value);
    }
  });
});

describe('the desaturating profile', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('patient %i falls below 92% within a few minutes and recovers', (seed) => {
    const step = 5_000;
    const values: number[] = [];
    for (let t = T0; t < T0 + 12 * MINUTE; t += step) values.push(spo2At(seed, t));
    const firstLow = values.findIndex((v) => v < 92);
    expect(firstLow).toBeGreaterThan(0);
    expect(firstLow * step).toBeLessThan(9 * MINUTE); // first onset ≤ 5 min, then ≤ 3 min of decline
    expect(values[0]).toBeGreaterThanOrEqual(93); // it starts from a normal value
    const lowFor = values.filter((v) => v < 92).length * step;
    expect(lowFor).toBeGreaterThanOrEqual(MINUTE); // long enough to be seen, not a blip
    const lastLow = values.length - 1 - [...values].reverse().findIndex((v) => v < 92);
    const after = values.slice(lastLow + 1);
    expect(after.length).toBeGreaterThan(0);
    expect(after.at(-1)).toBeGreaterThanOrEqual(93); // recovered
    // ... and it happens again in the next cycle
    const next: number[] = [];
    for (let t = T0 + 12 * MINUTE; t < T0 + 24 * MINUTE; t += step) next.push(spo2At(seed, t));
    expect(Math.min(...next)).toBeLessThan(92);
  });

  it('raises heart and breathing rate with the desaturation (ground truth)', () => {
    const p = patient(4, 'desaturating');
    const stable = { ...p, scenarios: [] };
    let deepest = { t: T0, spo2: 100 };
    for (let t = T0; t < T0 + 12 * MINUTE; t += 5_000) {
      const spo2 = trueVitals(p, t).spo2;
      if (spo2 < deepest.spo2) deepest = { t, spo2 };
    }
    expect(deepest.spo2).toBeLessThan(90);
    expect(trueVitals(p, deepest.t).heart_rate - trueVitals(stable, deepest.t).heart_rate).toBeCloseTo(12, 3);
    expect(trueVitals(p, deepest.t).respiratory_rate - trueVitals(stable, deepest.t).respiratory_rate).toBeCloseTo(5, 3);
  });
});
