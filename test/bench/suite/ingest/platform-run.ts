import os from 'node:os';
import { processCpuMs } from '../lib/process-cpu.ts';
import { runPublisher } from '../load/run-publisher.ts';
import type { BenchDevice } from './fleet-state.ts';
import { recordRun } from './fleet-state.ts';
import type { PlatformRig } from './platform-rig.ts';
import { sleep, until, type RunTiming } from './timing.ts';

/** How the devices of one variant publish. */
export interface IngestVariant {
  readonly readingsPerMessage: number;
  /** measurement time of reading 0 of seq 0 */
  readonly firstAtMs: number;
  readonly spacingMs: number;
  /** QoS 1 messages in flight per device */
  readonly window: number;
}

/** One repetition against the platform; rates are over the measured window (after warm-up). */
export interface PlatformRunSample {
  /** PUBACKs/s the devices received (spooled, fsynced, rules run) */
  readonly ackedMsgPerSec: number;
  /** the open-loop rate offered, msg/s; undefined for a closed-loop run */
  readonly offeredMsgPerSec: number | undefined;
  /** readings/s InfluxDB confirmed: the end-to-end rate */
  readonly storedReadingsPerSec: number;
  /** growth of the spool, readings/s: > 0 means InfluxDB writes fall behind the PUBACKs */
  readonly spoolGrowthReadingsPerSec: number;
  /** cores used: platform process, influxd, load generator */
  readonly platformCores: number;
  readonly influxdCores: number;
  readonly publisherCores: number;
  /** after publishing stopped, seconds until the spool was empty */
  readonly drainTailS: number;
  readonly disconnects: number;
  /** 1-minute load average at the end of the window: above the core count, other work took CPU from the run */
  readonly loadAverage: number;
}

interface Snapshot {
  readonly at: number;
  readonly stored: number;
  readonly spooled: number;
  readonly platformCpuMs: number;
  readonly influxdCpuMs: number;
  readonly loadAverage: number;
}

async function snapshot(rig: PlatformRig): Promise<Snapshot> {
  const m = await rig.metrics();
  return {
    at: Date.now(),
    stored: m('rpm_influx_points_written_total'),
    spooled: m('rpm_spool_readings'),
    platformCpuMs: processCpuMs(rig.platformPid) ?? Number.NaN,
    influxdCpuMs: processCpuMs(rig.influx.pid) ?? Number.NaN,
    loadAverage: os.loadavg()[0] ?? 0,
  };
}

/**
 * One measured run: the publisher process drives every device for `timing.durationMs` (closed loop: a device sends
 * its next message when a PUBACK frees its window; or, with `ratePerSec`, open loop at that total message rate,
 * still bounded by the window); the platform's counters are read at the end of the warm-up
 * and at the end of publishing; then the run waits until the spool is empty (every acknowledged reading confirmed
 * by InfluxDB), so the next run and the oracle start from a drained platform.
 */
export async function measurePlatformRun(
  rig: PlatformRig,
  devices: BenchDevice[],
  variant: IngestVariant,
  timing: RunTiming,
  workDir: string,
  name: string,
  ratePerSec?: number,
): Promise<PlatformRunSample> {
  const run = await runPublisher(
    {
      host: '127.0.0.1',
      port: rig.mqttPort,
      devices: devices.map((d) => ({ id: d.id, ...(d.secret === undefined ? {} : { secret: d.secret }), startSeq: d.nextSeq })),
      window: variant.window,
      durationMs: timing.durationMs,
      warmupMs: timing.warmupMs,
      readingsPerMessage: variant.readingsPerMessage,
      firstAtMs: variant.firstAtMs,
      spacingMs: variant.spacingMs,
      connectsPerSec: 500,
      settleTimeoutMs: 60_000,
      ...(ratePerSec === undefined ? {} : { ratePerSec }),
    },
    workDir,
    name,
  );
  try {
    const startedAt = await run.started;
    await until(startedAt + timing.warmupMs);
    const a = await snapshot(rig);
    await until(startedAt + timing.durationMs);
    const b = await snapshot(rig);
    const result = await run.result;
    recordRun(devices, result.devices);
    const publishEnd = startedAt + timing.durationMs;
    const deadline = Date.now() + 300_000;
    for (;;) {
      const m = await rig.metrics();
      if (m('rpm_spool_messages') === 0) break;
      if (Date.now() > deadline) throw new Error(`spool not drained 300 s after publishing: ${m('rpm_spool_readings')} readings left`);
      await sleep(100);
    }
    const windowS = (b.at - a.at) / 1000;
    return {
      ackedMsgPerSec: result.ackedInWindow / (result.windowMs / 1000),
      offeredMsgPerSec: ratePerSec,
      storedReadingsPerSec: (b.stored - a.stored) / windowS,
      spoolGrowthReadingsPerSec: (b.spooled - a.spooled) / windowS,
      platformCores: (b.platformCpuMs - a.platformCpuMs) / (b.at - a.at),
      influxdCores: (b.influxdCpuMs - a.influxdCpuMs) / (b.at - a.at),
      publisherCores: result.cpuMsInWindow / result.windowMs,
      drainTailS: Math.max(0, (Date.now() - publishEnd) / 1000),
      disconnects: result.disconnects,
      loadAverage: b.loadAverage,
    };
  } finally {
    run.kill();
  }
}
