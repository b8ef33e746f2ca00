import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquittoRelay, type MosquittoRelay } from '../ingest/mosquitto-relay.ts';
import type { PublisherConfig } from './publisher-config.ts';
import { runPublisher } from './run-publisher.ts';

/** The benchmark's load generator against a real mosquitto: what it reports is what the broker relayed. */
describe('publisher process', () => {
  let dir: string;
  let relay: MosquittoRelay;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rpm-publisher-'));
    relay = await startMosquittoRelay(dir);
  });
  afterAll(async () => {
    await relay.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const config = (over: Partial<PublisherConfig>): PublisherConfig => ({
    host: '127.0.0.1',
    port: relay.port,
    devices: Array.from({ length: 5 }, (_, i) => ({ id: `pub-test-${i}`, startSeq: 100 })),
    window: 4,
    durationMs: 2_000,
    warmupMs: 500,
    readingsPerMessage: 3,
    firstAtMs: Date.UTC(2026, 10, 1),
    spacingMs: 1_000,
    connectsPerSec: 100,
    settleTimeoutMs: 10_000,
    ...over,
  });

  it('closed loop: every message is acknowledged, relayed once, and numbered on from startSeq', async () => {
    const before = relay.received();
    const result = await (await runPublisher(config({}), dir, 'closed')).result;
    expect(result.disconnects).toBe(0);
    expect(result.devices.every((d) => d.unacked.length === 0 && d.startSeq === 100)).toBe(true);
    const published = result.devices.reduce((n, d) => n + d.nextSeq - d.startSeq, 0);
    expect(result.acked).toBe(published);
    await expect.poll(() => relay.received() - before, { timeout: 5_000 }).toBe(published);
    expect(result.ackedInWindow).toBeGreaterThan(0);
    expect(result.ackedInWindow).toBeLessThan(result.acked);
  });

  it('open loop: holds the requested total rate', async () => {
    const result = await (await runPublisher(config({ ratePerSec: 400, durationMs: 3_000, warmupMs: 1_000 }), dir, 'open')).result;
    const rate = result.ackedInWindow / (result.windowMs / 1000);
    expect(rate).toBeGreaterThan(400 * 0.8);
    expect(rate).toBeLessThan(400 * 1.2);
  });
});
