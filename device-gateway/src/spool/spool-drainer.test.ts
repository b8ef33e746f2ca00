import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AcceptedReading, CanonicalReading } from '@rpm/contracts';
import { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { ReadingStore } from '../storage/reading-store.ts';
import { SpoolDrainer } from './spool-drainer.ts';
import { SqliteSpool } from './sqlite-spool.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
const hr = (value: number, i = 0): CanonicalReading => ({ type: 'heart_rate', at: Date.UTC(2026, 10, 20) + i * 1000, value });

/** An in-memory stand-in for InfluxDB (unit test only): can be down, and refuses lines whose value is 666. */
class FakeStore implements ReadingStore {
  up = true;
  stored: AcceptedReading[] = [];
  writes = 0;
  write(readings: readonly AcceptedReading[]): Promise<void> {
    this.writes++;
    if (!this.up) return Promise.reject(new Error('connect ECONNREFUSED'));
    if (readings.some((r) => 'value' in r.reading && r.reading.value === 666)) {
      return Promise.reject(Object.assign(new Error('partial write: field type conflict'), { statusCode: 400 }));
    }
    this.stored.push(...readings);
    return Promise.resolve();
  }
  ping = (): Promise<boolean> => Promise.resolve(this.up);
  ensureDatabase = (): Promise<void> => Promise.resolve();
  close = (): Promise<void> => Promise.resolve();
}

describe('SpoolDrainer', () => {
  let dir: string;
  let spool: SqliteSpool;
  let store: FakeStore;
  let drainer: SpoolDrainer;
  const metrics = new GatewayMetrics();
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'drainer-'));
    spool = new SqliteSpool({ file: join(dir, 'spool.sqlite'), maxBytes: 1e8, dedupWindowMs: 1e9 });
    store = new FakeStore();
    drainer = new SpoolDrainer(spool, store, metrics, silent, { batchReadings: 5, retryBaseMs: 5, retryMaxMs: 20 });
  });
  afterEach(async () => {
    await drainer.stop();
    await spool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = (seq: number, readings: CanonicalReading[]) =>
    spool
      .append({ deviceId: 'dev-a1', patientId: 'p-1', seq, receivedAt: Date.now(), readings, digest: String(seq) })
      .then(() => drainer.wake());

  it('writes everything in order and empties the spool', async () => {
    drainer.start();
    for (let s = 0; s < 12; s++) await append(s, [hr(70 + s, s)]);
    await drainer.drained();
    expect(store.stored.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(spool.stats().messages).toBe(0);
  });

  it('keeps everything through an outage and delivers it afterwards', async () => {
    store.up = false;
    drainer.start();
    for (let s = 0; s < 8; s++) await append(s, [hr(70, s)]);
    await new Promise((r) => setTimeout(r, 100));
    expect(drainer.failures).toBeGreaterThan(1);
    expect(spool.stats().messages).toBe(8);
    store.up = true;
    await drainer.drained();
    expect(store.stored).toHaveLength(8);
    expect(drainer.failures).toBe(0);
  });

  it('sets aside only the readings InfluxDB refuses, with its reason', async () => {
    drainer.start();
    await append(1, [hr(70, 1), hr(666, 2), hr(72, 3)]);
    await append(2, [hr(73, 4)]);
    await drainer.drained();
    expect(store.stored.map((r) => ('value' in r.reading ? r.reading.value : 0)).sort()).toEqual([70, 72, 73]);
    expect(spool.listDeadLetters(10)).toMatchObject([{ seq: 1, reading: hr(666, 2), error: 'partial write: field type conflict' }]);
  });

  it('keeps two batches in flight, and none is lost when one fails while the other succeeds', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let failNext = true;
    const slow: ReadingStore = {
      write: async (readings) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
        if (failNext) {
          failNext = false;
          throw new Error('connect ECONNREFUSED');
        }
        store.stored.push(...readings);
      },
      ping: () => Promise.resolve(true),
      ensureDatabase: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    for (let s = 0; s < 20; s++) await append(s, [hr(70, s)]);
    const pipelined = new SpoolDrainer(spool, slow, metrics, silent, { batchReadings: 5, retryBaseMs: 5, retryMaxMs: 20, concurrency: 2 });
    pipelined.start();
    await pipelined.drained();
    await pipelined.stop();
    expect(maxInFlight).toBe(2);
    expect(new Set(store.stored.map((r) => r.seq))).toEqual(new Set(Array.from({ length: 20 }, (_, i) => i)));
    expect(spool.stats().messages).toBe(0);
  });

  it('picks up what an earlier process left in the spool', async () => {
    for (let s = 0; s < 3; s++) await append(s, [hr(70, s)]);
    drainer.start();
    await drainer.drained();
    expect(store.stored).toHaveLength(3);
  });
});
