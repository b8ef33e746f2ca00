// Benchmark of the vitals history API (issue #5 item 8): a 30-day chart of one patient with one reading a minute,
// at 1-minute resolution (≈43,200 buckets) and at an automatic resolution (maxPoints), against the raw readings of
// the same range as the baseline, in the same run. Real InfluxDB 1.6 (a private influxd) and the real platform.
//
//   node test/bench/vitals-history.bench.ts [--days 30] [--runs 7] [--max-points 1000]
//
// Writes `days` × 1,440 heart rates and as many SpO2 readings (the second type the type filter must skip), then times
// whole HTTP requests (auth, team check, audit, InfluxDB, zod encoding, JSON) and, separately, the reader alone
// (InfluxDB query + parsing). Two warm-up rounds are discarded; each round runs every case in a rotated order; the
// median of `runs` rounds is reported.
import { parseArgs } from 'node:util';
import os from 'node:os';
import type { AcceptedReading } from '@rpm/contracts';
import { InfluxVitalsReader } from '@rpm/server';
import { pickInterval } from '../../server/src/readings/vitals-intervals.ts';
import { startInfluxd } from '../harness/influxd.ts';
import { startTestPlatform } from '../harness/platform.ts';

const { values: args } = parseArgs({
  options: {
    days: { type: 'string', default: '30' },
    runs: { type: 'string', default: '7' },
    'max-points': { type: 'string', default: '1000' },
  },
});
const DAYS = Number(args.days);
const RUNS = Number(args.runs);
const MAX_POINTS = Number(args['max-points']);
const WARMUP = 2;
const MINUTE = 60_000;
const WRITE_BATCH = 5_000;

const TO = Date.UTC(2026, 0, 31, 0, 0, 0) - MINUTE; // the last reading; the range is [TO - DAYS, TO]
const FROM = TO - DAYS * 1_440 * MINUTE + MINUTE;

/** Deterministic PRNG (mulberry32) so every run and every machine stores the same values. */
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

function readings(patientId: string): AcceptedReading[] {
  const random = prng(7);
  const out: AcceptedReading[] = [];
  let seq = 0;
  for (let at = FROM; at <= TO; at += MINUTE) {
    const hr = Math.round(72 + 10 * Math.sin(at / 3_600_000) + (random() * 2 - 1) * 6);
    const spo2 = Math.round(96 + (random() * 2 - 1) * 2);
    out.push({ deviceId: 'bench-watch', patientId, seq: ++seq, receivedAt: at + 2_000, reading: { type: 'heart_rate', at, value: hr } });
    out.push({ deviceId: 'bench-watch', patientId, seq: ++seq, receivedAt: at + 2_000, reading: { type: 'spo2', at, value: spo2 } });
  }
  return out;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const influx = await startInfluxd();
const platform = await startTestPlatform(influx.url);
try {
  const team = await platform.admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Bench team' });
  const { id: patientId } = await platform.admin.expect<{ id: string }>(201, 'POST', '/patients', { name: 'Bench', teamId: team.id });
  const all = readings(patientId);
  const writeStarted = performance.now();
  for (let i = 0; i < all.length; i += WRITE_BATCH) await influx.write('rpm', all.slice(i, i + WRITE_BATCH));
  console.log(`wrote ${fmt(all.length)} points (${DAYS} days × 1/min × 2 types) in ${fmt(performance.now() - writeStarted)} ms`);

  const range = `from=${new Date(FROM).toISOString()}&to=${new Date(TO).toISOString()}`;
  const reader = new InfluxVitalsReader({ url: influx.url, database: 'rpm', apiVersion: 'v1' });
  const window = { patientId, type: 'heart_rate' as const, from: FROM, to: TO };
  interface Case {
    readonly name: string;
    readonly path: string;
    /** the same work without HTTP, auth or encoding: InfluxDB + parsing; returns the items */
    readonly reader: () => Promise<unknown[]>;
  }
  const cases: Case[] = [
    {
      name: 'raw readings (baseline)',
      path: `/patients/${patientId}/vitals?type=heart_rate&${range}&limit=100000`,
      reader: () => reader.query({ ...window, limit: 100_000 }),
    },
    {
      name: 'interval=1m',
      path: `/patients/${patientId}/vitals?type=heart_rate&${range}&interval=1m`,
      reader: () => reader.downsample({ ...window, interval: '1m' }),
    },
    {
      name: `maxPoints=${MAX_POINTS}`,
      path: `/patients/${patientId}/vitals?type=heart_rate&${range}&maxPoints=${MAX_POINTS}`,
      reader: () => reader.downsample({ ...window, interval: pickInterval(FROM, TO, MAX_POINTS) ?? '1d' }),
    },
  ];

  const results = cases.map(() => ({ apiMs: [] as number[], readerMs: [] as number[], bytes: 0, items: 0, interval: '' }));
  const headers = { authorization: `Bearer ${platform.admin.token ?? ''}` };
  for (let round = 0; round < WARMUP + RUNS; round++) {
    for (let k = 0; k < cases.length; k++) {
      // rotate the order so no case always runs first (cold) or right after the heaviest one
      const index = (k + round) % cases.length;
      const c = cases[index];
      const r = results[index];
      if (c === undefined || r === undefined) continue;
      const started = performance.now();
      const response = await fetch(`${platform.httpUrl}/api/v1${c.path}`, { headers });
      const body = await response.text();
      const apiMs = performance.now() - started;
      if (response.status !== 200) throw new Error(`${c.name}: HTTP ${response.status} ${body.slice(0, 300)}`);
      const readerStarted = performance.now();
      const items = await c.reader();
      const readerMs = performance.now() - readerStarted;
      if (round < WARMUP) continue;
      const parsed = JSON.parse(body) as { readings?: unknown[]; buckets?: unknown[]; interval?: string };
      r.apiMs.push(apiMs);
      r.readerMs.push(readerMs);
      r.bytes = Buffer.byteLength(body);
      r.items = (parsed.readings ?? parsed.buckets ?? []).length;
      r.interval = parsed.interval ?? 'raw';
      if (items.length !== r.items) throw new Error(`${c.name}: reader gave ${items.length} items, API ${r.items}`);
    }
  }

  const baseline = median(results[0]?.apiMs ?? []);
  console.log('');
  console.log(
    `machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, node ${process.version}, InfluxDB 1.6 (private influxd)`,
  );
  console.log(`range: ${DAYS} days of heart rate at 1/min; ${RUNS} rounds after ${WARMUP} warm-up; medians`);
  console.log('| Request | Interval | Items | Payload bytes | API ms | reader alone ms | API ms vs raw |');
  console.log('|---|---|---|---|---|---|---|');
  cases.forEach((c, i) => {
    const r = results[i];
    if (r === undefined) return;
    const api = median(r.apiMs);
    console.log(
      `| ${c.name} | ${r.interval} | ${fmt(r.items)} | ${fmt(r.bytes)} | ${fmt(api)} | ${fmt(median(r.readerMs))} | ${(api / baseline).toFixed(2)} |`,
    );
  });
  // The alternative the reader avoids for this request: the same 1-minute buckets computed by InfluxDB's GROUP BY time().
  const grouped = new InfluxVitalsReader({ url: influx.url, database: 'rpm', apiVersion: 'v1' }, { inProcessMinBuckets: Infinity });
  const groupedMs: number[] = [];
  for (let round = 0; round < WARMUP + RUNS; round++) {
    const started = performance.now();
    await grouped.downsample({ ...window, interval: '1m' });
    if (round >= WARMUP) groupedMs.push(performance.now() - started);
  }
  console.log(`interval=1m bucketed by InfluxDB GROUP BY time(1m) instead (reader only): median ${fmt(median(groupedMs))} ms`);
  for (const [i, c] of cases.entries())
    console.log(`${c.name}: API ms per round ${(results[i]?.apiMs ?? []).map((x) => fmt(x)).join(', ')}`);
} finally {
  await platform.stop();
  await influx.stop();
}
