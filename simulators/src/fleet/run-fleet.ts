import type { ProgrammeId, VitalType } from '@rpm/contracts';
import { resolveCadence, typesDue, type Cadence } from '../device/cadence.ts';
import type { BackoffOptions } from '../device/backoff.ts';
import { SimulatedDevice, type AcknowledgedMessage, type DeviceStats } from '../device/simulated-device.ts';
import { SimulatorError } from '../errors.ts';
import { silentLogger, type SimLogger } from '../logger.ts';
import { measureVitals } from '../physiology/measure-vitals.ts';
import {
  DEFAULT_UTC_OFFSET_MINUTES,
  createSimulatedPatient,
  type PatientProfile,
  type SimulatedPatient,
} from '../physiology/simulated-patient.ts';
import { deriveSeed, mulberry32 } from '../random.ts';
import { aggregateStats, type FleetStats } from './aggregate-stats.ts';
import type { DeviceLogin } from './provision-fleet.ts';

export interface RunFleetOptions {
  /** e.g. mqtt://127.0.0.1:1883 */
  readonly mqttUrl: string;
  /** one simulated patient per device, in this order (DeviceCredentials from provisionFleet fit) */
  readonly devices: readonly DeviceLogin[];
  /** time between a device's reading sets, ms */
  readonly intervalMs?: number;
  /** the programme patient i is enrolled in: its stable physiology is drawn from that programme's ranges */
  readonly programme?: (index: number) => ProgrammeId | undefined;
  /** the same seed and device order give the same patients and readings */
  readonly seed?: number;
  /** share of patients, 0–1, with the desaturating profile; rounded up, so any share > 0 gives at least one */
  readonly desaturatingShare?: number;
  /** how often each vital is measured, in ticks (defaults: DEFAULT_CADENCE) */
  readonly cadence?: Partial<Cadence>;
  /** UTC offset of the patients and their devices, minutes */
  readonly utcOffsetMinutes?: number;
  /** devices connect spread over this long, ms, so a large fleet does not arrive at once */
  readonly startSpreadMs?: number;
  readonly backoff?: Partial<BackoffOptions>;
  /** local (source) addresses the devices connect from, in turn (device i: address i mod n); default: the OS picks */
  readonly localAddresses?: readonly string[];
  /** seq of device i's first message (a fleet file's devices continue after their last one); default 1 */
  readonly firstSeq?: (index: number) => number | undefined;
  /** called with every readings message on its PUBACK (`run --record`) */
  readonly onAcknowledged?: (message: AcknowledgedMessage) => void;
  readonly log?: SimLogger;
}

export type { FleetStats } from './aggregate-stats.ts';

export interface FleetHandle {
  stats(): FleetStats;
  /** per-device counters, in device order */
  deviceStats(): DeviceStats[];
  /** Stops every device: each publishes `{"online":false}` and disconnects cleanly (no will). */
  stop(): Promise<void>;
}

export const FLEET_DEFAULTS = { intervalMs: 5_000, seed: 1, desaturatingShare: 0.2, maxStartSpreadMs: 2_000 } as const;

/** Which patients desaturate: `ceil(share × n)` of them, chosen by a seeded shuffle so they are not always the first. */
export function assignProfiles(count: number, share: number, seed: number): PatientProfile[] {
  const desaturating = share > 0 ? Math.min(count, Math.ceil(share * count)) : 0;
  const order = Array.from({ length: count }, (_, i) => i);
  const rng = mulberry32(deriveSeed(seed, 'profiles'));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const profiles: PatientProfile[] = new Array<PatientProfile>(count).fill('stable');
  for (const index of order.slice(0, desaturating)) profiles[index] = 'desaturating';
  return profiles;
}

function validate(options: RunFleetOptions, intervalMs: number, share: number): void {
  const problems: string[] = [];
  if (!Number.isFinite(intervalMs) || intervalMs < 10) problems.push(`intervalMs must be at least 10, got ${intervalMs}`);
  if (!(share >= 0 && share <= 1)) problems.push(`desaturatingShare must be within 0–1, got ${share}`);
  const ids = new Set(options.devices.map((d) => d.deviceId));
  if (ids.size !== options.devices.length) problems.push('device ids must be unique (one MQTT session per device)');
  if (problems.length > 0) throw new SimulatorError('SIM_OPTIONS_INVALID', problems.join('; '));
}

/** Runs one simulated device per credential, each measuring its own simulated patient. Returns at once. */
export function runFleet(options: RunFleetOptions): FleetHandle {
  const intervalMs = options.intervalMs ?? FLEET_DEFAULTS.intervalMs;
  const seed = options.seed ?? FLEET_DEFAULTS.seed;
  const share = options.desaturatingShare ?? FLEET_DEFAULTS.desaturatingShare;
  validate(options, intervalMs, share);
  const log = options.log ?? silentLogger;
  const cadence = resolveCadence(options.cadence);
  const utcOffsetMinutes = options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
  const count = options.devices.length;
  const startSpreadMs = options.startSpreadMs ?? Math.min(intervalMs, FLEET_DEFAULTS.maxStartSpreadMs);
  const profiles = assignProfiles(count, share, seed);
  const anchorMs = Date.now();
  const phase = mulberry32(deriveSeed(seed, 'tick-phase'));

  const devices = options.devices.map((credentials, index) => {
    const patient: SimulatedPatient = createSimulatedPatient({
      seed: deriveSeed(seed, index),
      profile: profiles[index] ?? 'stable',
      utcOffsetMinutes,
      anchorMs,
      ...(options.programme?.(index) === undefined ? {} : { programme: options.programme(index) }),
    });
    const measure = (tick: number, atMs: number) => measureVitals(patient, typesDue(cadence, tick) satisfies VitalType[], atMs);
    const from = localAddress(options.localAddresses, index);
    const firstSeq = options.firstSeq?.(index);
    return new SimulatedDevice({
      mqttUrl: options.mqttUrl,
      deviceId: credentials.deviceId,
      secret: credentials.secret,
      measure,
      intervalMs,
      // Ticks spread over the interval, so the broker sees a steady stream rather than a burst every interval.
      firstTickDelayMs: Math.floor(phase() * intervalMs),
      utcOffsetMinutes,
      batteryPercent: 60 + Math.floor(phase() * 41),
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
      ...(from === undefined ? {} : { localAddress: from }),
      ...(firstSeq === undefined ? {} : { firstSeq }),
      ...(options.onAcknowledged === undefined ? {} : { onAcknowledged: options.onAcknowledged }),
      log,
    });
  });

  const startTimers = devices.map((device, index) =>
    setTimeout(() => device.start(), count <= 1 ? 0 : Math.floor((index / count) * startSpreadMs)),
  );
  log.info(
    { devices: count, desaturating: profiles.filter((p) => p === 'desaturating').length, intervalMs, seed },
    'simulated fleet starting',
  );

  let stopping: Promise<void> | undefined;
  const deviceStats = (): DeviceStats[] => devices.map((d) => d.stats());
  return {
    deviceStats,
    stats: () => aggregateStats(deviceStats(), profiles.filter((p) => p === 'desaturating').length),
    stop: () => {
      stopping ??= (async () => {
        for (const timer of startTimers) clearTimeout(timer);
        await Promise.all(devices.map((d) => d.stop()));
        log.info({ devices: count }, 'simulated fleet stopped');
      })();
      return stopping;
    },
  };
}

function localAddress(addresses: readonly string[] | undefined, index: number): string | undefined {
  return addresses === undefined || addresses.length === 0 ? undefined : addresses[index % addresses.length];
}
