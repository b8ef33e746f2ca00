import process from 'node:process';
import type { BenchMeasurement, BenchOptions, Workload, WorkloadResult } from '../bench-types.ts';
import { connectDashboardClients, type DashboardClients } from '../b/dashboard-clients.ts';
import { startLoadFleet, type LoadFleet } from '../b/load-fleet.ts';
import type { LoadStats } from '../b/load-protocol.ts';
import { startPlatformRig, type PlatformRig } from '../b/platform-rig.ts';
import { ProbeDevices } from '../b/probe-devices.ts';
import { measureProbes, type ProbeLatencies } from '../b/probe-latency.ts';
import { loopbackAddresses, median, quantile, sleep } from '../b/stats.ts';

const DASHBOARD_CLIENTS = 50;
const WARM_UP_PROBES = 5;
const LEVELS = [
  { share: 0.5, targetMs: 50, text: 'alert p99 ≤ 50 ms at 50 % of the sustained rate' },
  { share: 0.9, targetMs: 250, text: 'alert p99 ≤ 250 ms at 90 % of the sustained rate' },
] as const;

interface LevelRun {
  readonly latencies: ProbeLatencies;
  /** background messages/s acknowledged while the probes ran, and offered */
  readonly backgroundMsgPerS: number;
  readonly offeredMsgPerS: number;
  readonly loadCpuShare: number;
  readonly platformCpuShare: number;
}

/**
 * Alert latency (issue #8): device publish → `alert:raised` at 50 dashboard clients (clinicians of the probe
 * patients' team), while background devices publish at 50 % and at 90 % of the sustained ingest rate. Each probe is
 * a single SpO2 of 82 % from its own patient, so each raises a new alert.
 */
export const alertLatency: Workload = {
  name: 'alert-latency',
  async run(options: BenchOptions): Promise<WorkloadResult> {
    const probesPerLevel = options.quick ? 60 : 250;
    const backgroundDevices = options.quick ? 1_000 : 2_000;
    const probeDevices = WARM_UP_PROBES + options.repetitions * LEVELS.length * probesPerLevel;
    const rig = await startPlatformRig({
      workDir: options.workDir,
      groups: [
        { name: 'background', devices: backgroundDevices },
        { name: 'probes', devices: probeDevices },
      ],
    });
    let clients: DashboardClients | undefined;
    let fleet: LoadFleet | undefined;
    const probes = new ProbeDevices(rig.groups[1]?.devices ?? []);
    try {
      const [background, probeGroup] = rig.groups;
      if (background === undefined || probeGroup === undefined) throw new Error('fleet groups missing');
      clients = await connectDashboardClients(rig.admin, probeGroup.teamId, DASHBOARD_CLIENTS);
      await probes.connect(rig.mqttPort);
      fleet = await startLoadFleet(
        {
          port: rig.mqttPort,
          sourceAddresses: loopbackAddresses(4),
          devices: background.devices,
          connectsPerSec: 1_000,
          inflightPerDevice: 8,
        },
        options.workDir,
      );
      await waitForFleet(fleet, backgroundDevices);
      const warmUp = await measureProbes(probes, clients, WARM_UP_PROBES, 200);
      if (warmUp.last.length !== WARM_UP_PROBES)
        throw new Error(`warm-up probes reached every client ${warmUp.last.length}/${WARM_UP_PROBES} times`);

      const given = Number(process.env['RPM_BENCH_SUSTAINED_MSG_PER_S']);
      const sustained = Number.isFinite(given) && given > 0 ? given : await measureSustained(fleet, rig, options);
      options.log(
        `sustained ingest rate ${sustained.toFixed(0)} msg/s (${Number.isFinite(given) && given > 0 ? 'given' : 'measured here'})`,
      );

      const runs = LEVELS.map((): LevelRun[] => []);
      for (let r = 0; r < options.repetitions; r++) {
        for (const [i, level] of LEVELS.entries()) {
          const run = await atLevel(fleet, rig, probes, clients, sustained * level.share, probesPerLevel);
          runs[i]?.push(run);
          options.log(
            `${level.share * 100} %: background ${run.backgroundMsgPerS.toFixed(0)} msg/s; first client p50 ${quantile(run.latencies.first, 0.5).toFixed(1)} ms, ` +
              `p99 ${quantile(run.latencies.first, 0.99).toFixed(1)} ms; all ${DASHBOARD_CLIENTS} clients p99 ${quantile(run.latencies.last, 0.99).toFixed(1)} ms; ` +
              `PUBACK p50 ${quantile(run.latencies.acked, 0.5).toFixed(1)} ms; incomplete ${run.latencies.incomplete}`,
          );
        }
      }
      return result(runs, sustained, given > 0, probesPerLevel, backgroundDevices, options);
    } finally {
      clients?.close();
      await probes.close().catch(() => undefined);
      await fleet?.stop();
      await rig.stop();
    }
  },
};

async function waitForFleet(fleet: LoadFleet, devices: number): Promise<void> {
  const deadline = performance.now() + 120_000;
  while (fleet.stats().connected < devices) {
    if (performance.now() > deadline) throw new Error(`only ${fleet.stats().connected}/${devices} background devices connected`);
    await sleep(250);
  }
}

/** Messages/s acknowledged with every background device publishing as fast as its acknowledgements allow. */
async function measureSustained(fleet: LoadFleet, rig: PlatformRig, options: BenchOptions): Promise<number> {
  fleet.send({ cmd: 'saturate' });
  await sleep(5_000);
  const from = fleet.stats();
  const windowS = options.quick ? 10 : 20;
  await sleep(windowS * 1000);
  const to = fleet.stats();
  fleet.send({ cmd: 'rate', msgPerSec: 0 });
  await settle(fleet);
  // let the spool drain to InfluxDB before the measured levels start: a drainer still busy would slow them down
  const deadline = performance.now() + 180_000;
  while ((await rig.metric('rpm_spool_messages')) > 0 && performance.now() < deadline) await sleep(500);
  options.log(`spool after the saturation: ${await rig.metric('rpm_spool_messages')} messages`);
  return (to.acked - from.acked) / ((to.uptimeMs - from.uptimeMs) / 1000);
}

/** Waits until every background publish is acknowledged, so a level does not start behind the previous one's queue. */
async function settle(fleet: LoadFleet): Promise<void> {
  const deadline = performance.now() + 120_000;
  // the stats lag by up to a second: wait for a report that shows nothing in flight
  await sleep(1_500);
  while (fleet.stats().inflight > 0 && performance.now() < deadline) await sleep(250);
}

async function atLevel(
  fleet: LoadFleet,
  rig: PlatformRig,
  probes: ProbeDevices,
  clients: DashboardClients,
  msgPerSec: number,
  count: number,
): Promise<LevelRun> {
  fleet.send({ cmd: 'rate', msgPerSec });
  await sleep(3_000);
  const from: LoadStats = fleet.stats();
  const cpuFrom = await rig.cpuMs();
  const wallFrom = performance.now();
  // probes 100 ms apart: 10 alerts/s, far below what the clients and the rules sustain, so they do not load the run
  const latencies = await measureProbes(probes, clients, count, 100);
  const to = fleet.stats();
  const platformCpuShare = ((await rig.cpuMs()) - cpuFrom) / (performance.now() - wallFrom);
  fleet.send({ cmd: 'rate', msgPerSec: 0 });
  await settle(fleet);
  return {
    latencies,
    backgroundMsgPerS: (to.acked - from.acked) / ((to.uptimeMs - from.uptimeMs) / 1000),
    offeredMsgPerS: msgPerSec,
    loadCpuShare: fleet.cpuShare(from),
    platformCpuShare,
  };
}

function result(
  runs: readonly (readonly LevelRun[])[],
  sustained: number,
  given: boolean,
  probesPerLevel: number,
  backgroundDevices: number,
  options: BenchOptions,
): WorkloadResult {
  const measurements: BenchMeasurement[] = [];
  const facts: Record<string, string | number | boolean> = {
    sustainedMsgPerS: Math.round(sustained),
    sustainedSource: given
      ? 'RPM_BENCH_SUSTAINED_MSG_PER_S'
      : 'measured in this workload: background devices saturating, 1 reading/message',
    dashboardClients: DASHBOARD_CLIENTS,
    probesPerLevelPerRepetition: probesPerLevel,
    backgroundDevices,
  };
  for (const [i, level] of LEVELS.entries()) {
    const levelRuns = runs[i] ?? [];
    const pct = `${level.share * 100} %`;
    const per = (pick: (r: LevelRun) => number): number[] => levelRuns.map(pick);
    measurements.push(
      { metric: `alert latency at ${pct}: p50, first client`, unit: 'ms', samples: per((r) => quantile(r.latencies.first, 0.5)) },
      { metric: `alert latency at ${pct}: p99, first client`, unit: 'ms', samples: per((r) => quantile(r.latencies.first, 0.99)) },
      {
        metric: `alert latency at ${pct}: p99, all ${DASHBOARD_CLIENTS} clients`,
        unit: 'ms',
        samples: per((r) => quantile(r.latencies.last, 0.99)),
        target: { op: '<=', value: level.targetMs, text: level.text },
        limitedBy: limitedBy(levelRuns),
        notes: [
          `${probesPerLevel} probes per repetition${options.quick ? ' (quick mode; 250 in a full run)' : ''}; the time until the 50th client has it`,
        ],
      },
      {
        metric: `alert latency at ${pct}: max, all ${DASHBOARD_CLIENTS} clients`,
        unit: 'ms',
        samples: per((r) => Math.max(...r.latencies.last)),
      },
      {
        metric: `alert latency at ${pct}: p50 of the probe's publish → PUBACK (spooled)`,
        unit: 'ms',
        samples: per((r) => quantile(r.latencies.acked, 0.5)),
      },
    );
    facts[`backgroundMsgPerSAt${level.share * 100}`] = Math.round(median(per((r) => r.backgroundMsgPerS)));
    facts[`incompleteProbesAt${level.share * 100}`] = per((r) => r.latencies.incomplete).reduce((a, b) => a + b, 0);
    facts[`loadGeneratorCpuShareAt${level.share * 100}`] = Number(median(per((r) => r.loadCpuShare)).toFixed(2));
    facts[`platformCpuShareAt${level.share * 100}`] = Number(median(per((r) => r.platformCpuShare)).toFixed(2));
  }
  return { workload: 'alert-latency', measurements, facts };
}

/**
 * Where the latency goes. When the platform acknowledges less than the background offered, it is behind: every
 * device's socket holds publishes (up to the load generator's in-flight window), and a probe waits behind them
 * before it is even decoded. Otherwise the probe's own path shows: PUBACK (aedes writes it after the spool commit
 * and its own publish queue) against the arrival at the first and the 50th client.
 */
function limitedBy(runs: readonly LevelRun[]): string {
  const acked = median(runs.map((r) => quantile(r.latencies.acked, 0.5)));
  const first = median(runs.map((r) => quantile(r.latencies.first, 0.5)));
  const last = median(runs.map((r) => quantile(r.latencies.last, 0.5)));
  const achieved = median(runs.map((r) => r.backgroundMsgPerS));
  const offered = median(runs.map((r) => r.offeredMsgPerS));
  const cpu = median(runs.map((r) => r.platformCpuShare));
  const split = `p50: publish → PUBACK ${acked.toFixed(1)} ms, → first client ${first.toFixed(1)} ms, → 50th client ${last.toFixed(1)} ms`;
  return achieved < 0.95 * offered
    ? `the platform fell behind the background (${Math.round(achieved)} of ${Math.round(offered)} msg/s acknowledged, using ${cpu.toFixed(2)} of a core): probes queue behind other devices' publishes (${split})`
    : `the probe's own path at ${cpu.toFixed(2)} of a core for the platform (${split})`;
}
