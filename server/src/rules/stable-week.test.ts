import type { AcceptedReading } from '@rpm/contracts';
import { describe, expect, it } from 'vitest';
import { ClinicalRulesEngine } from './clinical-rules-engine.ts';
import { DAY, HOUR, MINUTE, reading, T0, type ReadingKind, type Value } from './rules-fixtures.ts';
import { PROGRAMME_IDS, type ProgrammeId, type RuleEvent } from './types.ts';

/** Deterministic noise (mulberry32), so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** When in each day (from 07:00 Almaty) a stable patient measures each type: every programme's cadence and more. */
const SCHEDULE: readonly [ReadingKind, number][] = [
  ['body_weight', 0.5 * HOUR], // 07:30, after waking
  ['blood_pressure', 1 * HOUR], // 08:00
  ['blood_pressure', 13 * HOUR], // 20:00 (twice daily for the kidney programme)
  ['heart_rate', 1 * HOUR],
  ['heart_rate', 13 * HOUR],
  ['body_temperature', 1.2 * HOUR],
  ['spo2', 2 * HOUR],
  ['spo2', 14 * HOUR],
  ['respiratory_rate', 2 * HOUR],
  ['respiratory_rate', 14 * HOUR],
  ['blood_glucose', 0.2 * HOUR], // before meals and at bedtime
  ['blood_glucose', 5 * HOUR],
  ['blood_glucose', 11 * HOUR],
  ['blood_glucose', 15 * HOUR],
];

function normalValue(type: ReadingKind, noise: (spread: number) => number, day: number): Value {
  switch (type) {
    case 'heart_rate':
      return Math.round(70 + noise(6));
    case 'spo2':
      return Math.round(97 + noise(1));
    case 'respiratory_rate':
      return Math.round(15 + noise(2));
    case 'body_temperature':
      return Math.round((36.7 + noise(0.25)) * 10) / 10;
    case 'blood_pressure':
      return { systolic: Math.round(118 + noise(6)), diastolic: Math.round(74 + noise(4)), pulse: Math.round(70 + noise(6)) };
    case 'body_weight':
      return Math.round((75 + 0.02 * day + noise(0.3)) * 10) / 10;
    case 'blood_glucose':
      return Math.round((6.5 + noise(1)) * 10) / 10;
  }
}

/** A week of one stable patient's readings, a few minutes of jitter on every measurement, uploaded within seconds. */
function stableWeek(patientId: string, seed: number): AcceptedReading[] {
  const random = prng(seed);
  const noise = (spread: number): number => (random() * 2 - 1) * spread;
  const out: AcceptedReading[] = [];
  for (let day = 0; day < 7; day++) {
    for (const [type, offset] of SCHEDULE) {
      const at = T0 + day * DAY + offset + Math.round(noise(10 * MINUTE));
      out.push(reading(type, at, normalValue(type, noise, day), { patientId, receivedAt: at + 5000 + Math.round(random() * 20_000) }));
    }
  }
  return out.sort((a, b) => a.reading.at - b.reading.at);
}

/** Plays readings, device reports and the tick every 15 minutes through the engine, returning every event. */
function simulate(engine: ClinicalRulesEngine, patients: readonly string[], readings: readonly AcceptedReading[]): RuleEvent[] {
  const events: RuleEvent[] = [];
  let next = 0;
  for (let now = T0 - HOUR; now <= T0 + 7 * DAY; now += 15 * MINUTE) {
    const due: AcceptedReading[] = [];
    while (next < readings.length && (readings[next]?.receivedAt ?? Infinity) <= now) due.push(readings[next++]!);
    if (due.length > 0) events.push(...engine.ingest(due, now));
    events.push(...engine.tick(now));
    if ((now - T0) % (6 * HOUR) === 0) {
      for (const [i, patientId] of patients.entries()) {
        const battery = 90 - Math.floor((now - T0) / DAY) * 3 - (i % 5);
        events.push(...engine.deviceStatus(patientId, 'dev-1', { battery, clockOffsetMs: 12_000, online: true }, now));
      }
    }
  }
  return events;
}

describe('a stable normal patient over a simulated week', () => {
  it.each(PROGRAMME_IDS.map((id, i) => [id, i] as [ProgrammeId, number]))('%s: zero events', (programme, i) => {
    const engine = new ClinicalRulesEngine();
    const patients = Array.from({ length: 5 }, (_, k) => `${programme}-${k}`);
    for (const patientId of patients) engine.setProfile({ patientId, programmes: [programme], overrides: [] });
    const readings = patients.flatMap((patientId, k) => stableWeek(patientId, 1000 * i + k)).sort((a, b) => a.receivedAt - b.receivedAt);
    expect(simulate(engine, patients, readings)).toEqual([]);
    expect(engine.news2(patients[0]!, T0 + 6 * DAY + 2.5 * HOUR).score).toBeLessThanOrEqual(1);
  });

  it('every programme at once, patients mixed in every batch: zero events', () => {
    const engine = new ClinicalRulesEngine();
    const patients = PROGRAMME_IDS.flatMap((programme) => [0, 1, 2].map((k) => `${programme}-${k}`));
    for (const patientId of patients) {
      const programme = PROGRAMME_IDS.find((id) => patientId.startsWith(id))!;
      engine.setProfile({ patientId, programmes: programme === 'diabetes' ? ['diabetes', 'heart_failure'] : [programme], overrides: [] });
    }
    const readings = patients.flatMap((patientId, k) => stableWeek(patientId, 77 + k)).sort((a, b) => a.receivedAt - b.receivedAt);
    expect(simulate(engine, patients, readings)).toEqual([]);
  });
});
