import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ManagedInfluxd } from '@rpm/device-gateway';
import { freePort } from '../../../harness/free-port.ts';

export interface BenchInfluxd {
  readonly url: string;
  /** influxd's pid, to measure its CPU beside the platform's */
  readonly pid: number;
  stop(): Promise<void>;
}

/** A private influxd (Debian's 1.6.7, as the tests use) under the workload's own directory, on a free loopback port. */
export async function startBenchInfluxd(workDir: string, name: string): Promise<BenchInfluxd> {
  const dataDir = join(workDir, `${name}-influxd`);
  const influxd = new ManagedInfluxd({ dataDir, httpPort: await freePort() });
  try {
    await influxd.start();
    const pid = Number((await readFile(influxd.pidPath, 'utf8')).trim());
    return {
      url: influxd.url,
      pid,
      async stop() {
        await influxd.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await influxd.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
