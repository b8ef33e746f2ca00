import { processCpuMs } from '../lib/process-cpu.ts';
import { runPublisher } from '../load/run-publisher.ts';
import type { BenchDevice } from './fleet-state.ts';
import { recordRun } from './fleet-state.ts';
import type { MosquittoRelay } from './mosquitto-relay.ts';
import type { IngestVariant } from './platform-run.ts';
import { sleep, until, type RunTiming } from './timing.ts';

export interface RelayRunSample {
  /** messages/s the subscriber received: the relay rate */
  readonly relayedMsgPerSec: number;
  /** PUBACKs/s the publishers received from mosquitto */
  readonly ackedMsgPerSec: number;
  readonly brokerCores: number;
  readonly publisherCores: number;
  /** messages acknowledged to the publishers but never delivered to the subscriber (expected 0) */
  readonly lost: number;
}

/** The same publisher program, devices and window as against the platform, against mosquitto relaying to one subscriber. */
export async function measureRelayRun(
  relay: MosquittoRelay,
  devices: BenchDevice[],
  variant: IngestVariant,
  timing: RunTiming,
  workDir: string,
  name: string,
): Promise<RelayRunSample> {
  const receivedBefore = relay.received();
  const run = await runPublisher(
    {
      host: '127.0.0.1',
      port: relay.port,
      devices: devices.map((d) => ({ id: d.id, startSeq: d.nextSeq })),
      window: variant.window,
      durationMs: timing.durationMs,
      warmupMs: timing.warmupMs,
      readingsPerMessage: variant.readingsPerMessage,
      firstAtMs: variant.firstAtMs,
      spacingMs: variant.spacingMs,
      connectsPerSec: 500,
      settleTimeoutMs: 60_000,
    },
    workDir,
    name,
  );
  try {
    const startedAt = await run.started;
    await until(startedAt + timing.warmupMs);
    const a = { at: Date.now(), received: relay.received(), cpu: processCpuMs(relay.pid) ?? Number.NaN };
    await until(startedAt + timing.durationMs);
    const b = { at: Date.now(), received: relay.received(), cpu: processCpuMs(relay.pid) ?? Number.NaN };
    const result = await run.result;
    recordRun(devices, result.devices);
    // the subscriber may still be receiving what mosquitto queued for it: wait until the count stops moving
    let last = -1;
    while (relay.received() !== last) {
      last = relay.received();
      await sleep(500);
    }
    return {
      relayedMsgPerSec: ((b.received - a.received) * 1000) / (b.at - a.at),
      ackedMsgPerSec: result.ackedInWindow / (result.windowMs / 1000),
      brokerCores: (b.cpu - a.cpu) / (b.at - a.at),
      publisherCores: result.cpuMsInWindow / result.windowMs,
      lost: Math.max(0, result.acked - (relay.received() - receivedBefore)),
    };
  } finally {
    run.kill();
  }
}
