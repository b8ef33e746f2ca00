import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { ApiClient } from '../../../harness/api-client.ts';
import { eventually } from '../../../harness/eventually.ts';
import { freePort } from '../../../harness/free-port.ts';
import { startInfluxd, type TestInfluxd } from '../../../harness/influxd.ts';
import { provisionBulkFleet, type BulkFleetSpec, type FleetGroup } from './bulk-fleet.ts';
import { spawnWithFileLimit } from './load-fleet.ts';

const MAIN = fileURLToPath(new URL('../../../../server/src/main.ts', import.meta.url));
const MEMORY_PROBE = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));
const ADMIN_PASSWORD = 'bench-admin-password';

export interface RigOptions {
  readonly workDir: string;
  readonly groups: BulkFleetSpec['groups'];
  /** registration time of every device (default: 25 hours ago, so a 24-hour backlog is accepted) */
  readonly registeredAt?: number;
  /** extra node flags for the platform, e.g. --cpu-prof */
  readonly nodeArgs?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/** process.memoryUsage() of the platform after two full garbage collections (memory-probe.ts), bytes. */
export interface PlatformMemory {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

export interface PlatformRig {
  readonly httpUrl: string;
  readonly mqttPort: number;
  readonly influxUrl: string;
  readonly admin: ApiClient;
  readonly groups: readonly FleetGroup[];
  /** the platform's process id (for /proc readings) */
  readonly pid: number;
  /** a Prometheus gauge or counter from /metrics (first sample), NaN when absent */
  metric(name: string): Promise<number>;
  /** resident memory of the platform process, bytes (/proc/<pid>/status VmRSS) */
  rssBytes(): Promise<number>;
  /** the platform's memory after a full GC (memory-probe.ts preloaded into it) */
  memory(): Promise<PlatformMemory>;
  /** CPU time the platform process used so far, ms (/proc/<pid>/stat utime + stime) */
  cpuMs(): Promise<number>;
  /** stops the platform (SIGTERM, so a --cpu-prof profile is written), influxd, and removes their data */
  stop(): Promise<void>;
}

/**
 * The platform as `npm start` runs it — `node server/src/main.ts` in its own process, with a private influxd — and
 * a bulk-provisioned fleet in its database before it starts. Stops everything it started if the start fails.
 */
export async function startPlatformRig(options: RigOptions): Promise<PlatformRig> {
  const dataDir = join(options.workDir, `platform-${Date.now()}`);
  await mkdir(dataDir, { recursive: true });
  let influx: TestInfluxd | undefined;
  try {
    influx = await startInfluxd();
    const groups = await provisionBulkFleet({
      dataDir,
      groups: options.groups,
      registeredAt: options.registeredAt ?? Date.now() - 25 * 3_600_000,
    });
    const [httpPort, mqttPort] = [await freePort(), await freePort()];
    const memoryFile = join(dataDir, 'memory.json');
    // RPM_BENCH_CPU_PROF_DIR=<dir>: a V8 CPU profile of the platform, written when it stops (cpu-profile-summary.ts)
    const profileDir = process.env['RPM_BENCH_CPU_PROF_DIR'];
    const profile = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
    const child = spawnWithFileLimit(['--expose-gc', '--import', MEMORY_PROBE, ...profile, ...(options.nodeArgs ?? []), MAIN], {
      ...process.env,
      RPM_LOG_LEVEL: 'warn',
      RPM_HTTP_PORT: String(httpPort),
      RPM_MQTT_PORT: String(mqttPort),
      RPM_DATA_DIR: dataDir,
      RPM_INFLUX_URL: influx.url,
      RPM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      RPM_SIM_DEVICES: '0',
      RPM_BENCH_MEMORY_FILE: memoryFile,
      // the connect throttle guards real fleets against reconnect storms; the benchmark floods on purpose
      RPM_MQTT_CONNECT_BURST: '1000000',
      RPM_MQTT_CONNECT_RATE_PER_SEC: '1000000',
      ...options.env,
    });
    let output = '';
    const keep = (d: Buffer): void => void (output = (output + d.toString()).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let died = false;
    void exited.then(() => (died = true));
    const httpUrl = `http://127.0.0.1:${httpPort}`;
    const stopAll = async (): Promise<void> => {
      if (!died) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
      await influx?.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
    try {
      await eventually(
        async () => {
          if (died) throw new Error(`platform exited:\n${output}`);
          const res = await fetch(`${httpUrl}/readyz`).catch(() => undefined);
          return res?.status === 200 ? true : undefined;
        },
        120_000,
        'the platform to be ready',
      );
    } catch (error) {
      await stopAll();
      influx = undefined; // stopped by stopAll
      throw error;
    }
    const pid = child.pid ?? 0;
    const admin = await new ApiClient(httpUrl).login('admin', ADMIN_PASSWORD);
    const influxAtStart = influx;
    return {
      httpUrl,
      mqttPort,
      influxUrl: influxAtStart.url,
      admin,
      groups,
      pid,
      metric: async (name) => {
        const text = await (await fetch(`${httpUrl}/metrics`)).text();
        const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
        return line === undefined ? Number.NaN : Number(line.slice(line.lastIndexOf(' ') + 1));
      },
      rssBytes: async () => {
        const status = await readFile(`/proc/${pid}/status`, 'utf8');
        const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
        return Number(kb ?? Number.NaN) * 1024;
      },
      memory: async () => {
        // null until the probe has written once
        const read = async (): Promise<(PlatformMemory & { at: number }) | null> =>
          JSON.parse(await readFile(memoryFile, 'utf8').catch(() => 'null')) as (PlatformMemory & { at: number }) | null;
        const before = (await read())?.at ?? 0;
        process.kill(pid, 'SIGUSR2');
        return eventually(
          async () => {
            const m = await read();
            return m !== null && m.at !== before ? m : undefined;
          },
          30_000,
          'the platform memory probe',
        );
      },
      cpuMs: async () => {
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
        // fields after the command name (which may hold spaces), counted from field 3: utime is 14, stime 15
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticksPerSec = 100;
        return ((Number(fields[11]) + Number(fields[12])) / ticksPerSec) * 1000;
      },
      stop: stopAll,
    };
  } catch (error) {
    await influx?.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
