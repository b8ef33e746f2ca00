import { SimulatedDevice, type DeviceStats } from '../device/simulated-device.ts';
import { SimulatorError } from '../errors.ts';
import { aggregateStats, type FleetStats } from '../fleet/aggregate-stats.ts';
import type { DeviceLogin } from '../fleet/provision-fleet.ts';
import { silentLogger, type SimLogger } from '../logger.ts';
import type { SessionRecord } from './session-record.ts';

export interface ReplaySessionOptions {
  readonly mqttUrl: string;
  /** logins of the recorded devices (a fleet file's); every device in the recording must be here */
  readonly devices: readonly DeviceLogin[];
  readonly records: readonly SessionRecord[];
  /** UTC offset of the status messages' clock, minutes */
  readonly utcOffsetMinutes?: number;
  /** devices connect spread over this long, ms */
  readonly startSpreadMs?: number;
  readonly log?: SimLogger;
}

export interface ReplayHandle {
  /** devices that have messages to replay */
  readonly deviceCount: number;
  readonly messageCount: number;
  stats(): FleetStats;
  deviceStats(): DeviceStats[];
  /** every replayed message acknowledged */
  finished(): boolean;
  stop(): Promise<void>;
}

/** Replay devices measure nothing: a tick only re-tries the outbox, so it can be slow. */
const REPLAY_TICK_MS = 1_000;

/**
 * Re-sends a recorded session with the recorded devices' logins: each device is a SimulatedDevice that measures
 * nothing and is given its recorded messages (seq and bytes as in `records`), oldest seq first; they stay in its
 * outbox until PUBACK, are resent after a reconnect, and go out as fast as the in-flight window allows.
 */
export function replaySession(options: ReplaySessionOptions): ReplayHandle {
  const log = options.log ?? silentLogger;
  const logins = new Map(options.devices.map((d) => [d.deviceId, d]));
  const byDevice = new Map<string, Map<number, string>>();
  for (const record of options.records) {
    let messages = byDevice.get(record.deviceId);
    if (messages === undefined) byDevice.set(record.deviceId, (messages = new Map<number, string>()));
    if (!messages.has(record.seq)) messages.set(record.seq, record.payload); // one message per seq, as a device has
  }
  const unknown = [...byDevice.keys()].filter((id) => !logins.has(id));
  if (unknown.length > 0) {
    throw new SimulatorError(
      'SIM_OPTIONS_INVALID',
      `the recording has ${unknown.length} device(s) the fleet file does not (e.g. ${unknown[0]}): replay with the fleet file the recorded run used`,
    );
  }

  const count = byDevice.size;
  const spreadMs = options.startSpreadMs ?? Math.min(2_000, count * 10);
  let messageCount = 0;
  const entries = [...byDevice].map(([deviceId, messages], index) => {
    const login = logins.get(deviceId) as DeviceLogin;
    const device = new SimulatedDevice({
      mqttUrl: options.mqttUrl,
      deviceId,
      secret: login.secret,
      measure: () => [],
      intervalMs: REPLAY_TICK_MS,
      ...(options.utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes: options.utcOffsetMinutes }),
      log,
    });
    const ordered = [...messages].sort(([a], [b]) => a - b).map(([seq, payload]) => ({ seq, payload }));
    messageCount += ordered.length;
    const timer = setTimeout(
      () => {
        device.start();
        device.enqueueEncoded(ordered);
      },
      count <= 1 ? 0 : Math.floor((index / count) * spreadMs),
    );
    return { device, timer, total: ordered.length };
  });
  log.info({ devices: count, messages: messageCount }, 'replay starting');

  const deviceStats = (): DeviceStats[] => entries.map((e) => e.device.stats());
  let stopping: Promise<void> | undefined;
  return {
    deviceCount: count,
    messageCount,
    deviceStats,
    stats: () => aggregateStats(deviceStats(), 0),
    finished: () => entries.every((e) => e.device.stats().acknowledged >= e.total),
    stop: () => {
      stopping ??= (async () => {
        for (const e of entries) clearTimeout(e.timer);
        await Promise.all(entries.map((e) => e.device.stop()));
        log.info({ devices: count }, 'replay stopped');
      })();
      return stopping;
    },
  };
}
