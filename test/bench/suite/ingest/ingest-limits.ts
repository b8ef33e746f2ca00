import os from 'node:os';
import { median } from '../report/summarise.ts';
import type { PlatformRunSample } from './platform-run.ts';

/**
 * What the CPU profile of the platform during the ingest runs showed (node --cpu-prof, docs/performance.md, "How
 * `npm run bench` works"): where the main thread's time goes once it is the bottleneck.
 */
export const INGEST_PROFILE = {
  single:
    'profile: the spool’s group-commit fsync blocking the event loop (~5%), the server’s SQLite writes on the rules path (~5%), ' +
    'one writev per PUBACK in aedes (~4%), decoding + zod (~4%), GC (~5%)',
  batch:
    'profile: the InfluxDB client’s writeRecords (~6%), the append fsync (~5%), zod + unit normalisation per reading (~4%), ' +
    'JSON.parse of spooled rows by the drainer (~3%)',
} as const;

/**
 * Below this growth, readings/s, a change of the spool between two snapshots is the drainer's granularity (up to
 * 2 batches of 1,000 readings in flight, ~270 readings/s over a 7.5 s window), not a trend.
 */
const SPOOL_NOISE_READINGS_PER_SEC = 400;

/** The spool grew by more than 5% of what was stored (and more than its noise): InfluxDB writes fell behind the PUBACKs. */
export function spoolGrew(s: Pick<PlatformRunSample, 'spoolGrowthReadingsPerSec' | 'storedReadingsPerSec'>): boolean {
  return s.spoolGrowthReadingsPerSec > Math.max(0.05 * s.storedReadingsPerSec, SPOOL_NOISE_READINGS_PER_SEC);
}

/**
 * Names the resource that limited a variant's runs, from the medians of what was measured beside the rate: a
 * growing spool means InfluxDB writes fell behind; a platform at ~1 core means its one JavaScript thread is
 * saturated; all three processes together near 2 cores means the machine itself.
 */
export function limitFor(samples: readonly PlatformRunSample[], profile: string): string {
  const m = (f: (s: PlatformRunSample) => number): number => median(samples.map(f));
  const platform = m((s) => s.platformCores);
  const influxd = m((s) => s.influxdCores);
  const publisher = m((s) => s.publisherCores);
  const growth = m((s) => s.spoolGrowthReadingsPerSec);
  const stored = m((s) => s.storedReadingsPerSec);
  const load = m((s) => s.loadAverage);
  const machineCores = os.cpus().length;
  // on a machine shared with other work the processes measured get only part of the cores: say so first
  const shared = load > machineCores ? `a shared machine (load average ${load.toFixed(1)} on ${machineCores} cores); ` : '';
  const cores = `${shared}platform ${platform.toFixed(2)}, influxd ${influxd.toFixed(2)}, load generator ${publisher.toFixed(2)} cores`;
  if (spoolGrew({ spoolGrowthReadingsPerSec: growth, storedReadingsPerSec: stored }))
    return `InfluxDB writes: the spool grew ${Math.round(growth)} readings/s while PUBACKs continued (${cores})`;
  if (platform >= 0.85) return `the platform's main thread (${cores}); ${profile}`;
  if (platform + influxd + publisher >= 1.8) return `the machine's 2 cores (${cores})`;
  return `PUBACK round trips of the in-flight windows: network, group-commit fsync (${cores})`;
}

export function ingestLimits(single: readonly PlatformRunSample[], batch: readonly PlatformRunSample[]): { single: string; batch: string } {
  return { single: limitFor(single, INGEST_PROFILE.single), batch: limitFor(batch, INGEST_PROFILE.batch) };
}
