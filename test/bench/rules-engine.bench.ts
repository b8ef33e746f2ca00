// Benchmark of the clinical rules engine alone (issue #4): readings evaluated per second on one core with 10,000
// patients' state held, against the old single-threshold stateless engine (inlined below) as a reference in the same run.
//
//   node test/bench/rules-engine.bench.ts [--patients 10000] [--readings 400000] [--runs 7] [--batch 500]
//
// Each run builds a fresh engine, enrols every patient (untimed), then times ingest() of every batch plus one
// tick() per batch (time-driven rules are part of the work). Two warm-up runs are discarded; the median is reported.
import type { AcceptedReading, CanonicalReading } from '@rpm/contracts';
import { parseArgs } from 'node:util';
import os from 'node:os';
import { ClinicalRulesEngine, PROGRAMME_IDS, type PatientProfile, type ProgrammeId } from '../../server/src/rules/clinical-rules-engine.ts';

const { values: args } = parseArgs({
  options: {
    patients: { type: 'string', default: '10000' },
    readings: { type: 'string', default: '400000' },
    runs: { type: 'string', default: '7' },
    batch: { type: 'string', default: '500' },
  },
});
const PATIENTS = Number(args.patients);
const READINGS = Number(args.readings);
const RUNS = Number(args.runs);
const BATCH = Number(args.batch);
const WARMUP = 2;

/** Deterministic PRNG (mulberry32) so every run and every machine sees the same readings. */
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
const random = prng(42);
const noise = (spread: number): number => (random() * 2 - 1) * spread;

type Kind = CanonicalReading['type'];
const TYPES_BY_PROGRAMME: Record<ProgrammeId, Kind[]> = {
  kidney_transplant: ['blood_pressure', 'body_weight', 'body_temperature', 'spo2', 'heart_rate'],
  liver_transplant: ['body_weight', 'body_temperature', 'spo2', 'heart_rate'],
  heart_transplant: ['blood_pressure', 'body_weight', 'body_temperature', 'heart_rate', 'spo2'],
  heart_failure: ['body_weight', 'blood_pressure', 'heart_rate', 'spo2'],
  hypertension: ['blood_pressure', 'heart_rate'],
  copd: ['spo2', 'respiratory_rate', 'heart_rate'],
  diabetes: ['blood_glucose', 'heart_rate'],
  news2_general: ['respiratory_rate', 'spo2', 'blood_pressure', 'heart_rate', 'body_temperature'],
};

function profileOf(i: number): PatientProfile {
  const main = PROGRAMME_IDS[i % PROGRAMME_IDS.length] as ProgrammeId;
  // every 7th patient is in two programmes (e.g. a transplant patient with diabetes)
  const programmes: ProgrammeId[] = i % 7 === 0 ? [main, 'diabetes'] : [main];
  return { patientId: `p${i}`, programmes, overrides: i % 50 === 0 ? [{ ruleId: 'bp_crisis', param: 'systolicLimit', value: 170 }] : [] };
}

/** A realistic value: normal with small noise, and about 2 % abnormal (the rules have work to do). */
function reading(type: Kind, at: number, abnormal: boolean): CanonicalReading {
  switch (type) {
    case 'heart_rate':
      return { type, at, value: Math.round(abnormal ? 135 + noise(10) : 72 + noise(8)) };
    case 'spo2':
      return { type, at, value: Math.round(abnormal ? 89 + noise(2) : 97 + noise(1.5)) };
    case 'respiratory_rate':
      return { type, at, value: Math.round(abnormal ? 27 + noise(2) : 15 + noise(2)) };
    case 'body_temperature':
      return { type, at, value: Math.round((abnormal ? 38.6 + noise(0.4) : 36.7 + noise(0.3)) * 10) / 10 };
    case 'blood_pressure':
      return abnormal
        ? { type, at, systolic: Math.round(185 + noise(10)), diastolic: Math.round(110 + noise(8)), pulse: Math.round(80 + noise(8)) }
        : { type, at, systolic: Math.round(122 + noise(6)), diastolic: Math.round(76 + noise(4)), pulse: Math.round(72 + noise(8)) };
    case 'body_weight':
      return { type, at, value: Math.round((78 + noise(0.3) + (abnormal ? 2.5 : 0)) * 10) / 10 };
    case 'blood_glucose':
      return { type, at, value: Math.round((abnormal ? 3.2 + noise(0.4) : 6.5 + noise(1.2)) * 10) / 10 };
  }
}

const T0 = Date.UTC(2025, 0, 6, 2, 0, 0); // 07:00 in Almaty (UTC+5)
const STEP_MS = 10 * 60_000; // each patient sends a reading every 10 minutes

function generate(): AcceptedReading[] {
  const out: AcceptedReading[] = [];
  for (let k = 0; k < READINGS; k++) {
    const i = k % PATIENTS;
    const j = Math.floor(k / PATIENTS);
    const types = TYPES_BY_PROGRAMME[PROGRAMME_IDS[i % PROGRAMME_IDS.length] as ProgrammeId];
    const type = types[j % types.length] as Kind;
    const at = T0 + j * STEP_MS + (i % 600) * 1000;
    const late = random() < 0.01; // 1 % arrive an hour late (spooled uploads)
    out.push({
      deviceId: `d${i}`,
      patientId: `p${i}`,
      seq: j,
      receivedAt: at + (late ? 3_600_000 : 2000),
      reading: reading(type, at, random() < 0.02),
    });
  }
  return out;
}

function batches(readings: AcceptedReading[]): AcceptedReading[][] {
  const out: AcceptedReading[][] = [];
  for (let i = 0; i < readings.length; i += BATCH) out.push(readings.slice(i, i + BATCH));
  return out;
}

function runNew(input: AcceptedReading[][]): { ms: number; events: number; patients: number } {
  const engine = new ClinicalRulesEngine();
  for (let i = 0; i < PATIENTS; i++) engine.setProfile(profileOf(i));
  let events = 0;
  const start = performance.now();
  for (const batch of input) {
    const now = (batch[batch.length - 1]?.reading.at ?? T0) + 3000;
    events += engine.ingest(batch, now).length;
    events += engine.tick(now).length;
  }
  return { ms: performance.now() - start, events, patients: engine.patientCount };
}

/**
 * The reference: the stateless engine the platform had before the rule packs (one SpO2 threshold per reading,
 * no state), kept here as the floor of what evaluating a reading can cost.
 */
function runOld(input: AcceptedReading[][]): { ms: number; events: number } {
  const SPO2_LOW = 92;
  let events = 0;
  const start = performance.now();
  for (const batch of input) {
    const triggers: { patientId: string; value: number; at: number }[] = [];
    for (const r of batch) {
      if (r.reading.type === 'spo2' && r.reading.value < SPO2_LOW)
        triggers.push({ patientId: r.patientId, value: r.reading.value, at: r.reading.at });
    }
    events += triggers.length;
  }
  return { ms: performance.now() - start, events };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const input = batches(generate());
const newRates: number[] = [];
const oldRates: number[] = [];
let newEvents = 0;
let oldEvents = 0;
let held = 0;
for (let run = 0; run < WARMUP + RUNS; run++) {
  // alternate the order so neither engine always runs on a warmer (or more throttled) core
  let n: ReturnType<typeof runNew>;
  let o: ReturnType<typeof runOld>;
  if (run % 2 === 0) {
    n = runNew(input);
    o = runOld(input);
  } else {
    o = runOld(input);
    n = runNew(input);
  }
  if (run < WARMUP) continue;
  newRates.push((READINGS / n.ms) * 1000);
  oldRates.push((READINGS / o.ms) * 1000);
  newEvents = n.events;
  oldEvents = o.events;
  held = n.patients;
  console.log(`run ${run - WARMUP + 1}: new ${fmt(newRates.at(-1) ?? 0)}/s, old ${fmt(oldRates.at(-1) ?? 0)}/s`);
}
const newMedian = median(newRates);
const oldMedian = median(oldRates);
console.log('');
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, node ${process.version}, one core (single thread)`);
console.log(
  `patients held: ${fmt(held)}; readings per run: ${fmt(READINGS)} in batches of ${BATCH}; runs: ${RUNS} after ${WARMUP} warm-up`,
);
console.log(`ClinicalRulesEngine: median ${fmt(newMedian)} readings/s (events per run ${fmt(newEvents)})`);
console.log(`stateless single threshold (reference): median ${fmt(oldMedian)} readings/s (triggers per run ${fmt(oldEvents)})`);
console.log(`ratio new/old: ${(newMedian / oldMedian).toFixed(2)}; target ≥200,000/s: ${newMedian >= 200_000 ? 'met' : 'NOT met'}`);
