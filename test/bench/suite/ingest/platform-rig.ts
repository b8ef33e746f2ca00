import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { provisionFleet, type DeviceLogin } from '@rpm/simulators';
import { freePort } from '../../../harness/free-port.ts';
import { startPlatformProcess, type PlatformProcess } from '../../../harness/platform-process.ts';
import { startBenchInfluxd, type BenchInfluxd } from '../lib/bench-influxd.ts';
import { prometheusSample } from '../lib/prometheus-sample.ts';

export interface PlatformRig {
  readonly influx: BenchInfluxd;
  readonly platform: PlatformProcess;
  readonly platformPid: number;
  readonly mqttPort: number;
  /** the platform's Prometheus metrics, as numbers by sample name */
  metrics(): Promise<(name: string) => number>;
  /** enrols `count` patients with one device each, registered `backdateMs` ago (readings may be that old) */
  provision(count: number, backdateMs: number): Promise<DeviceLogin[]>;
  stop(): Promise<void>;
}

const ADMIN_PASSWORD = 'bench-admin-password-not-secret';

/**
 * The platform as `npm start` runs it — `node server/src/main.ts`, embedded aedes gateway, spool, rules, alerts,
 * socket.io — in its own process, against a private influxd (started here so its pid is known and the storage
 * baseline can write into the same server). No demo fleet; the per-address connect throttle opened up, since every
 * benchmark device connects from 127.0.0.1.
 */
export async function startPlatformRig(workDir: string, extraEnv: Record<string, string> = {}): Promise<PlatformRig> {
  const influx = await startBenchInfluxd(workDir, 'ingest');
  try {
    const dataDir = join(workDir, 'platform-data');
    await mkdir(dataDir, { recursive: true });
    const [httpPort, mqttPort] = [await freePort(), await freePort()];
    const platform = await startPlatformProcess({
      RPM_HTTP_PORT: String(httpPort),
      RPM_MQTT_PORT: String(mqttPort),
      RPM_DATA_DIR: dataDir,
      RPM_INFLUX_URL: influx.url,
      RPM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      RPM_SIM_DEVICES: '0',
      RPM_MQTT_CONNECT_BURST: '100000',
      RPM_MQTT_CONNECT_RATE_PER_SEC: '100000',
      // RPM_BENCH_CPU_PROF_DIR=<dir>: the platform writes a V8 CPU profile there when it stops (how the ingest path
      // was profiled; open the .cpuprofile in Chrome DevTools)
      ...(process.env['RPM_BENCH_CPU_PROF_DIR'] === undefined
        ? {}
        : { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env['RPM_BENCH_CPU_PROF_DIR']}` }),
      ...extraEnv,
    });
    const platformPid = platform.child.pid ?? 0;
    return {
      influx,
      platform,
      platformPid,
      mqttPort,
      async metrics() {
        const res = await fetch(`${platform.httpUrl}/metrics`);
        if (!res.ok) throw new Error(`GET /metrics: HTTP ${res.status}`);
        const text = await res.text();
        return (name) => prometheusSample(text, name);
      },
      provision: (count, backdateMs) =>
        provisionFleet({
          apiUrl: platform.httpUrl,
          username: 'admin',
          password: ADMIN_PASSWORD,
          devices: count,
          registeredAtMs: Date.now() - backdateMs,
          model: 'RPM-BENCH',
        }),
      async stop() {
        platform.child.kill('SIGTERM');
        const timer = setTimeout(() => platform.child.kill('SIGKILL'), 15_000);
        await platform.exited;
        clearTimeout(timer);
        await influx.stop();
      },
    };
  } catch (error) {
    await influx.stop();
    throw error;
  }
}
