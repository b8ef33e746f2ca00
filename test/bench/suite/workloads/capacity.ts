import type { BenchMeasurement, BenchOptions, Workload, WorkloadResult } from '../bench-types.ts';
import type { LoadDevice } from '../b/load-protocol.ts';
import { OPEN_FILES, startLoadFleet, type LoadFleet } from '../b/load-fleet.ts';
import { startPlatformRig, type PlatformMemory, type PlatformRig } from '../b/platform-rig.ts';
import { startPlainMosquitto } from '../b/mosquitto-baseline.ts';
import { loopbackAddresses, median, sleep } from '../b/stats.ts';

/** Sockets the gateway process needs beside its devices: spool and database files, InfluxDB, HTTP, stdio. */
const GATEWAY_FILE_RESERVE = 1_000;
const TARGET_DEVICES = 50_000;

interface CapacityRun {
  readonly connected: number;
  readonly connectS: number;
  readonly idle: PlatformMemory;
  readonly active: PlatformMemory;
  readonly trickleAcked: number;
  readonly trickleSent: number;
  readonly loadCpuShare: number;
  /** mosquitto's RSS per idle connection with the same fleet and load generator, KB */
  readonly mosquittoIdleKb: number;
}

/**
 * Capacity (issue #8): as many devices as the gateway can hold, each a real authenticated MQTT connection from a
 * separate load process over several loopback source addresses; the gateway's resident memory per connection over
 * its baseline before the fleet, idle and then at one message per device per minute.
 */
export const capacity: Workload = {
  name: 'capacity',
  async run(options: BenchOptions): Promise<WorkloadResult> {
    // One process cannot hold more sockets than its open-file hard limit, and inside this container root cannot
    // raise it (no CAP_SYS_RESOURCE): the fleet is the smaller of the target and what the limit leaves.
    const devices = options.quick ? 10_000 : Math.min(TARGET_DEVICES, OPEN_FILES - GATEWAY_FILE_RESERVE);
    const holdS = options.quick ? 10 : 30;
    const trickleS = options.quick ? 20 : 90;
    const runs: CapacityRun[] = [];
    const repetitions = options.quick ? 1 : Math.min(options.repetitions, 2);
    for (let r = 0; r < repetitions; r++) {
      options.log(`run ${r + 1}/${repetitions}: ${devices.toLocaleString('en')} devices`);
      runs.push(await oneRun(options, devices, holdS, trickleS));
    }
    const last = runs[runs.length - 1];
    const measurements: BenchMeasurement[] = [
      {
        metric: 'capacity: devices connected to one gateway',
        unit: 'devices',
        samples: runs.map((x) => x.connected),
        target: { op: '>=', value: TARGET_DEVICES, text: '≥ 50,000 concurrently connected devices on one node' },
        limitedBy:
          devices < TARGET_DEVICES
            ? `fleet size: the open-file hard limit here is ${OPEN_FILES.toLocaleString('en')} per process and cannot be raised in this container, so one gateway process holds at most ~${(OPEN_FILES - GATEWAY_FILE_RESERVE).toLocaleString('en')} sockets${options.quick ? '; quick mode connects 10,000' : ''}`
            : 'the figure connected every device offered',
      },
      {
        metric: 'capacity: gateway RSS per idle connection',
        unit: 'KB',
        samples: runs.map((x) => x.idle.rss),
        baseline: { name: 'Debian mosquitto, same fleet and load generator, anonymous', samples: runs.map((x) => x.mosquittoIdleKb) },
        target: { op: '<=', value: 10, text: '≤ 10 KB of gateway memory per idle connection (aedes alone ~14 KB)' },
        limitedBy:
          last === undefined
            ? undefined
            : `per idle connection: ${describe(last.idle)} KB (aedes Client, its parser and streams, the Node socket)`,
        notes: [
          'RSS of the whole platform process over its baseline before the fleet connected, after two full GCs (b/memory-probe.ts), divided by the devices connected',
        ],
      },
      {
        metric: 'capacity: gateway V8 heap used per idle connection',
        unit: 'KB',
        samples: runs.map((x) => x.idle.heapUsed),
      },
      {
        metric: 'capacity: gateway RSS per connection at 1 message/device/min',
        unit: 'KB',
        samples: runs.map((x) => x.active.rss),
      },
      {
        metric: 'capacity: time to connect the fleet',
        unit: 's',
        samples: runs.map((x) => x.connectS),
        notes: ['each connect authenticated by the gateway (SHA-256 device secret, decision 009) and recorded online in the database'],
      },
    ];
    return {
      workload: 'capacity',
      measurements,
      facts: {
        devicesOffered: devices,
        openFilesHardLimit: OPEN_FILES,
        sourceAddresses: 8,
        holdIdleS: holdS,
        trickleS,
        trickleAckedOfSent: last === undefined ? 'none' : `${last.trickleAcked}/${last.trickleSent}`,
        loadGeneratorCpuShareOfOneCore: last === undefined ? 0 : Number(last.loadCpuShare.toFixed(2)),
      },
    };
  },
};

async function oneRun(options: BenchOptions, devices: number, holdS: number, trickleS: number): Promise<CapacityRun> {
  const rig: PlatformRig = await startPlatformRig({ workDir: options.workDir, groups: [{ name: 'capacity', devices }] });
  let fleet: LoadFleet | undefined;
  try {
    await sleep(5_000);
    const base = await sampleMemory(rig);
    const started = performance.now();
    fleet = await startLoadFleet(
      {
        port: rig.mqttPort,
        sourceAddresses: loopbackAddresses(8),
        devices: rig.groups.flatMap((g) => g.devices.map(({ deviceId, secret }) => ({ deviceId, secret }))),
        connectsPerSec: 2_000,
        inflightPerDevice: 1,
      },
      options.workDir,
    );
    const connectS = await waitConnected(fleet, devices, options, started);
    const connected = fleet.stats().connected;
    if (connected === 0) throw new Error('no device could connect to the gateway');
    await sleep(holdS * 1000);
    const idle = perConnection(await sampleMemory(rig), base, connected);
    options.log(`${connected} connected after ${connectS.toFixed(1)} s; idle, KB/connection: ${describe(idle)}`);

    const before = fleet.stats();
    fleet.send({ cmd: 'trickle', perDevicePerMin: 1 });
    await sleep(trickleS * 1000);
    const active = perConnection(await sampleMemory(rig), base, fleet.stats().connected);
    const after = fleet.stats();
    const loadCpuShare = fleet.cpuShare();
    options.log(`at 1 msg/device/min, KB/connection: ${describe(active)}; ${after.acked - before.acked} acknowledged`);
    await fleet.stop();
    fleet = undefined;
    const mosquittoIdleKb = await mosquittoIdle(
      options,
      rig.groups.flatMap((g) => g.devices),
      holdS,
    );
    return {
      mosquittoIdleKb,
      connected,
      connectS,
      idle,
      active,
      trickleSent: after.published - before.published,
      trickleAcked: after.acked - before.acked,
      loadCpuShare,
    };
  } finally {
    await fleet?.stop();
    await rig.stop();
  }
}

/** The platform's memory after a full GC: the median of three readings a second apart, field by field. */
async function sampleMemory(rig: PlatformRig): Promise<PlatformMemory> {
  const samples: PlatformMemory[] = [];
  for (let i = 0; i < 3; i++) {
    samples.push(await rig.memory());
    await sleep(1_000);
  }
  const field = (k: keyof PlatformMemory): number => median(samples.map((m) => m[k]));
  return {
    rss: field('rss'),
    heapUsed: field('heapUsed'),
    heapTotal: field('heapTotal'),
    external: field('external'),
    arrayBuffers: field('arrayBuffers'),
  };
}

/** KB per connection of each memory figure, over the baseline. */
function perConnection(now: PlatformMemory, base: PlatformMemory, connections: number): PlatformMemory {
  const kb = (k: keyof PlatformMemory): number => (now[k] - base[k]) / connections / 1024;
  return {
    rss: kb('rss'),
    heapUsed: kb('heapUsed'),
    heapTotal: kb('heapTotal'),
    external: kb('external'),
    arrayBuffers: kb('arrayBuffers'),
  };
}

/**
 * Waits until every device is connected, or the count stops growing for 15 s (none at all for 2 min); returns the time
 * to the last connect.
 */
async function waitConnected(fleet: LoadFleet, devices: number, options: BenchOptions, started: number): Promise<number> {
  let best = 0;
  let bestAt = performance.now();
  let lastLog = 0;
  for (;;) {
    await sleep(250);
    const s = fleet.stats();
    if (s.connected > best) {
      best = s.connected;
      bestAt = performance.now();
    }
    if (performance.now() - lastLog > 5_000) {
      lastLog = performance.now();
      options.log(`${s.connected}/${devices} connected, ${s.connectFailures} refused or dropped`);
    }
    // a stall counts from the first connect on: the load processes take seconds to start on a busy machine
    const stalled = best > 0 ? performance.now() - bestAt > 15_000 : performance.now() - started > 120_000;
    if (best >= devices || stalled) return (bestAt - started) / 1000;
  }
}

const describe = (m: PlatformMemory): string =>
  `rss ${m.rss.toFixed(1)}, heap used ${m.heapUsed.toFixed(1)}, heap committed ${m.heapTotal.toFixed(1)}, external ${m.external.toFixed(1)}`;

/** The baseline: the same devices connected to a plain mosquitto, its RSS per idle connection over its own baseline. */
async function mosquittoIdle(options: BenchOptions, devices: readonly LoadDevice[], holdS: number): Promise<number> {
  const broker = await startPlainMosquitto(options.workDir);
  let fleet: LoadFleet | undefined;
  try {
    const base = await broker.rssBytes();
    const started = performance.now();
    fleet = await startLoadFleet(
      { port: broker.port, sourceAddresses: loopbackAddresses(8), devices, connectsPerSec: 2_000, inflightPerDevice: 1 },
      options.workDir,
    );
    await waitConnected(fleet, devices.length, options, started);
    await sleep(holdS * 1000);
    const kb = ((await broker.rssBytes()) - base) / fleet.stats().connected / 1024;
    options.log(`mosquitto: ${fleet.stats().connected} connected, ${kb.toFixed(2)} KB RSS per idle connection`);
    return kb;
  } finally {
    await fleet?.stop();
    await broker.stop();
  }
}
