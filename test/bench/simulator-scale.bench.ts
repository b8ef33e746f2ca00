// Scale of the device simulator (issue #7 item 7): how many devices one simulator process keeps connected, and what
// each costs it in memory (V8 heap used and RSS, after a full GC, over a baseline taken before the fleet started).
//
//   node test/bench/simulator-scale.bench.ts [--devices 10000] [--platform-devices 1000] [--interval-ms 10000]
//                                            [--hold-s 30] [--source-addresses 1] [--connects-per-s 1000]
//
// Two runs, each against a broker in another process, so only the simulator is measured here:
// 1. `--devices` against a plain aedes broker without authentication (simulators/src/testing/start-test-broker.ts):
//    the simulator's own cost per device, at a size the platform's gateway cannot be provisioned for quickly
//    (each device registration hashes a secret with argon2id);
// 2. `--platform-devices` (0 skips it) against the real platform (`node server/src/main.ts` with a private influxd):
//    enrolled through the API, authenticated by the gateway, readings stored and evaluated.
// Every device is the demo fleet's (a simulated patient, readings every --interval-ms, QoS 1, status messages).
// `--source-addresses N` connects from 127.0.0.1 … 127.0.0.N in turn, for fleets beyond one address's ~28k ephemeral
// ports. The open-file limit (`ulimit -n`) is per process and must exceed the devices: raise it in the shell first.
// The fleet runs with the simulator's fleet process settings (FLEET_NODE_FLAGS, FLEET_ENVIRONMENT: a small V8 young
// generation, one malloc arena): the benchmark restarts itself with them unless `--node-defaults` is given, which
// measures the same fleet under Node's and glibc's defaults.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  FLEET_ENVIRONMENT,
  FLEET_NODE_FLAGS,
  hasFleetProcessSettings,
  provisionFleet,
  runFleet,
  type DeviceLogin,
  type FleetHandle,
} from '@rpm/simulators';
import { startTestBroker } from '../../simulators/src/testing/start-test-broker.ts';
import { eventually } from '../harness/eventually.ts';
import { freePort } from '../harness/free-port.ts';
import { startInfluxd } from '../harness/influxd.ts';
import { startPlatformProcess } from '../harness/platform-process.ts';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '10000' },
    'platform-devices': { type: 'string', default: '1000' },
    'interval-ms': { type: 'string', default: '10000' },
    'hold-s': { type: 'string', default: '30' },
    'source-addresses': { type: 'string', default: '1' },
    'connects-per-s': { type: 'string', default: '1000' },
    'serve-broker': { type: 'boolean', default: false },
    'node-defaults': { type: 'boolean', default: false },
  },
});

if (!args['serve-broker'] && !args['node-defaults'] && !hasFleetProcessSettings()) {
  // Both settings are fixed when a process starts: run again with them, as the simulator is documented to run.
  const child = spawn(process.execPath, [...FLEET_NODE_FLAGS, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, ...FLEET_ENVIRONMENT },
  });
  process.exitCode = await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
} else if (args['serve-broker']) {
  // The child: a broker that accepts every device, until its parent closes stdin.
  const broker = await startTestBroker({});
  process.stdout.write(`${JSON.stringify({ port: broker.port })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void broker.close().then(() => process.exit(0)));
} else {
  await main();
}

interface Measurement {
  readonly target: string;
  readonly devices: number;
  readonly connectS: number;
  readonly heapPerDeviceKb: number;
  readonly rssPerDeviceKb: number;
  readonly heapMb: number;
  readonly rssMb: number;
  /** where the RSS growth went, KB per device: V8 heap committed, Node's external memory, array buffers */
  readonly heapTotalPerDeviceKb: number;
  readonly externalPerDeviceKb: number;
  readonly arrayBuffersPerDeviceKb: number;
  readonly acknowledged: number;
  readonly created: number;
  readonly reconnects: number;
}

async function main(): Promise<void> {
  const devices = Number(args.devices);
  const platformDevices = Number(args['platform-devices']);
  const sources = Number(args['source-addresses']);
  const localAddresses = sources > 1 ? Array.from({ length: sources }, (_, i) => `127.0.0.${i + 1}`) : undefined;
  console.log(
    `simulator scale: Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB; interval ${args['interval-ms']} ms, hold ${args['hold-s']} s, ` +
      `${sources} source address(es); ${hasFleetProcessSettings() ? `fleet settings ${[...FLEET_NODE_FLAGS, ...Object.entries(FLEET_ENVIRONMENT).map(([k, v]) => `${k}=${v}`)].join(' ')}` : "Node's and glibc's default settings"}`,
  );
  const results: Measurement[] = [];

  const broker = await startBrokerProcess();
  try {
    const logins: DeviceLogin[] = Array.from({ length: devices }, (_, i) => ({ deviceId: `sim-scale-${i}`, secret: `secret-${i}` }));
    results.push(await measure('aedes, no auth (separate process)', `mqtt://127.0.0.1:${broker.port}`, logins, localAddresses));
  } finally {
    broker.stop();
  }

  if (platformDevices > 0) results.push(await againstPlatform(platformDevices, localAddresses));

  console.log(
    '\n| broker | devices | all connected after | heap used / device | heap committed / device | external / device | RSS / device | heap used | RSS | messages acked/created | reconnects |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.target} | ${r.devices.toLocaleString('en')} | ${r.connectS.toFixed(1)} s | ${r.heapPerDeviceKb.toFixed(1)} KB | ` +
        `${r.heapTotalPerDeviceKb.toFixed(1)} KB | ${r.externalPerDeviceKb.toFixed(1)} KB | ${r.rssPerDeviceKb.toFixed(1)} KB | ${r.heapMb.toFixed(0)} MB | ${r.rssMb.toFixed(0)} MB | ${r.acknowledged}/${r.created} | ${r.reconnects} |`,
    );
  }
}

/** Enrols `count` devices in a platform process (with its own influxd) and measures the simulator against it. */
async function againstPlatform(count: number, localAddresses: readonly string[] | undefined): Promise<Measurement> {
  const influx = await startInfluxd();
  const dataDir = await mkdtemp(join(os.tmpdir(), 'rpm-sim-scale-'));
  const password = 'admin-password-for-the-bench';
  const [httpPort, mqttPort] = [await freePort(), await freePort()];
  const platform = await startPlatformProcess({
    RPM_HTTP_PORT: String(httpPort),
    RPM_MQTT_PORT: String(mqttPort),
    RPM_DATA_DIR: dataDir,
    RPM_INFLUX_URL: influx.url,
    RPM_ADMIN_PASSWORD: password,
    RPM_SIM_DEVICES: '0',
    // the gateway's connect throttle guards real fleets against reconnect storms; this is the flood on purpose
    RPM_MQTT_CONNECT_BURST: '100000',
    RPM_MQTT_CONNECT_RATE_PER_SEC: '100000',
  });
  try {
    const enrolStart = performance.now();
    const logins = await provisionFleet({ apiUrl: platform.httpUrl, username: 'admin', password, devices: count, seed: 1 });
    console.log(`enrolled ${count} patients and devices through the API in ${((performance.now() - enrolStart) / 1000).toFixed(1)} s`);
    return await measure(
      'platform gateway (aedes + auth + ingest, separate process)',
      `mqtt://127.0.0.1:${mqttPort}`,
      logins,
      localAddresses,
    );
  } finally {
    platform.child.kill('SIGTERM');
    await platform.exited;
    await influx.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function measure(
  target: string,
  mqttUrl: string,
  logins: readonly DeviceLogin[],
  localAddresses: readonly string[] | undefined,
): Promise<Measurement> {
  const gc = collector();
  const before = memory(gc);
  const count = logins.length;
  const started = performance.now();
  const fleet: FleetHandle = runFleet({
    mqttUrl,
    devices: logins,
    intervalMs: Number(args['interval-ms']),
    seed: 1,
    startSpreadMs: Math.round((count / Number(args['connects-per-s'])) * 1000),
    ...(localAddresses === undefined ? {} : { localAddresses }),
  });
  try {
    let lastPrint = 0;
    await eventually(
      () => {
        const s = fleet.stats();
        if (performance.now() - lastPrint > 5_000) {
          lastPrint = performance.now();
          console.log(`  ${target}: ${s.connected}/${count} connected, ${s.acknowledged} acknowledged`);
        }
        return s.connected === count ? true : undefined;
      },
      // generous: on a shared, loaded machine the broker accepts connects far slower than its ~1.2k/s (ARCHITECTURE §8)
      Math.max(300_000, (count / 50) * 1000),
      `all ${count} devices connected to ${target}`,
    );
    const connectS = (performance.now() - started) / 1000;
    console.log(`  ${target}: all ${count} connected after ${connectS.toFixed(1)} s; holding ${args['hold-s']} s`);
    await new Promise((resolve) => setTimeout(resolve, Number(args['hold-s']) * 1000));
    const after = memory(gc);
    const s = fleet.stats();
    if (s.connected !== count) console.log(`  warning: only ${s.connected}/${count} connected at the end of the hold`);
    const perDeviceKb = (field: Exclude<keyof Memory, 'spaces'>): number => (after[field] - before[field]) / count / 1024;
    const spaceGrowth = Object.entries(after.spaces).map(
      ([name, size]) => `${name} ${((size - (before.spaces[name] ?? 0)) / count / 1024).toFixed(1)}`,
    );
    console.log(
      `  ${target}: per device, KB: rss ${perDeviceKb('rss').toFixed(1)}, heap committed ${perDeviceKb('heapTotal').toFixed(1)}, ` +
        `heap used ${perDeviceKb('heapUsed').toFixed(1)}, external ${perDeviceKb('external').toFixed(1)}, ` +
        `array buffers ${perDeviceKb('arrayBuffers').toFixed(1)}, V8 malloced ${perDeviceKb('mallocedMemory').toFixed(1)}; ` +
        `heap committed by space: ${spaceGrowth.join(', ')}`,
    );
    return {
      target,
      devices: count,
      connectS,
      heapPerDeviceKb: perDeviceKb('heapUsed'),
      rssPerDeviceKb: perDeviceKb('rss'),
      heapTotalPerDeviceKb: perDeviceKb('heapTotal'),
      externalPerDeviceKb: perDeviceKb('external'),
      arrayBuffersPerDeviceKb: perDeviceKb('arrayBuffers'),
      heapMb: after.heapUsed / 2 ** 20,
      rssMb: after.rss / 2 ** 20,
      acknowledged: s.acknowledged,
      created: s.created,
      reconnects: s.connects - count,
    };
  } finally {
    await fleet.stop();
  }
}

/** A full garbage collection, without needing `node --expose-gc` on the command line. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

interface Memory {
  readonly rss: number;
  readonly heapTotal: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
  /** memory V8 itself allocated with malloc (outside the heap) */
  readonly mallocedMemory: number;
  /** committed size of each V8 heap space (new_space, old_space, …), bytes */
  readonly spaces: Readonly<Record<string, number>>;
}

function memory(gc: () => void): Memory {
  gc();
  gc();
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size]));
  return { rss, heapTotal, heapUsed, external, arrayBuffers, mallocedMemory: v8.getHeapStatistics().malloced_memory, spaces };
}

/** The broker in a child process, so its connections do not count in this process's memory. */
async function startBrokerProcess(): Promise<{ port: number; stop(): void }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve-broker'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`the broker process exited (${code ?? 'signal'})`)));
  });
  return {
    port,
    stop: () => {
      child.stdin.end();
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    },
  };
}
