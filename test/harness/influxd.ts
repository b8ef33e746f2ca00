import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AcceptedReading } from '@rpm/contracts';
import { InfluxReadingStore, ManagedInfluxd } from '@rpm/device-gateway';
import { freePort } from './free-port.ts';

export interface TestInfluxd {
  /** base URL of the HTTP API */
  readonly url: string;
  /**
   * Creates `database` when needed and writes the readings through the gateway's own write path, so tests of the
   * server's reader (which may not import device-gateway, ARCHITECTURE §2) read exactly what the gateway writes.
   */
  write(database: string, readings: readonly AcceptedReading[]): Promise<void>;
  /** stops influxd and deletes its data directory */
  stop(): Promise<void>;
}

/**
 * A private InfluxDB 1.x (Debian's influxd 1.6.7) on a free loopback port with a fresh data directory, for
 * integration tests: real server, nothing shared between test files.
 */
export async function startInfluxd(): Promise<TestInfluxd> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rpm-influxd-'));
  const influxd = new ManagedInfluxd({ dataDir, httpPort: await freePort() });
  try {
    await influxd.start();
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: influxd.url,
    async write(database, readings) {
      const store = new InfluxReadingStore({ url: influxd.url, database, apiVersion: 'v1' });
      await store.ensureDatabase();
      await store.write(readings);
      await store.close();
    },
    async stop() {
      await influxd.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
