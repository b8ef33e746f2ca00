import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagedInfluxd } from '@rpm/device-gateway';
import { freePort } from './free-port.ts';

/** A real influxd that a fault test can stop (an outage) and start again on the same port and data. */
export interface RestartableInfluxd {
  readonly url: string;
  /** stops influxd; its data stays */
  pause(): Promise<void>;
  /** starts influxd again on the same port and data */
  resume(): Promise<void>;
  /** stops influxd and deletes its data */
  stop(): Promise<void>;
}

export async function startRestartableInfluxd(): Promise<RestartableInfluxd> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rpm-influxd-'));
  const influxd = new ManagedInfluxd({ dataDir, httpPort: await freePort() });
  await influxd.start();
  return {
    url: influxd.url,
    pause: () => influxd.stop(),
    resume: () => influxd.start(),
    async stop() {
      await influxd.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs an InfluxQL query against the `rpm` database and returns the rows of the first series. */
export async function influxQuery(url: string, q: string): Promise<unknown[][]> {
  const u = new URL('/query', url);
  u.searchParams.set('db', 'rpm');
  u.searchParams.set('epoch', 'ms');
  u.searchParams.set('q', q);
  const body = (await (await fetch(u)).json()) as { results: { series?: { values: unknown[][] }[]; error?: string }[] };
  const result = body.results[0];
  if (result?.error !== undefined) throw new Error(result.error);
  return result?.series?.flatMap((s) => s.values) ?? [];
}
