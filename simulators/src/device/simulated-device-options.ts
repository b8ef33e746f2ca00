import type { CanonicalReading } from '@rpm/contracts';
import type { SimLogger } from '../logger.ts';
import type { BackoffOptions } from './backoff.ts';
import type { DeviceFaults } from './device-faults.ts';

/** A readings message the broker acknowledged (PUBACK), as it went on the wire: what a recording keeps. */
export interface AcknowledgedMessage {
  readonly deviceId: string;
  readonly topic: string;
  readonly seq: number;
  readonly payload: string;
  /** when it was first handed to the MQTT client, epoch ms (real time) */
  readonly sentAtMs: number;
}

/** Takes the measurements of one tick (the n-th since start) at `atMs`; an empty list sends nothing. */
export type MeasureFn = (tick: number, atMs: number) => readonly CanonicalReading[];

export interface SimulatedDeviceOptions {
  readonly mqttUrl: string;
  /** connect from this local (source) address, e.g. 127.0.0.2, when one address runs out of ports; default: the OS picks */
  readonly localAddress?: string;
  readonly deviceId: string;
  readonly secret: string;
  readonly measure: MeasureFn;
  /** time between ticks, ms */
  readonly intervalMs: number;
  /** delay of the first tick after start(), ms (a fleet spreads its devices over the interval) */
  readonly firstTickDelayMs?: number;
  /** UTC offset of the device's clock, minutes (default +300, Kazakhstan) */
  readonly utcOffsetMinutes?: number;
  /** seq of the first message (default 1) */
  readonly firstSeq?: number;
  readonly firmware?: string;
  readonly model?: string;
  /** battery charge at start, percent */
  readonly batteryPercent?: number;
  /** most messages awaiting PUBACK at once */
  readonly maxInFlight?: number;
  /** most messages the device keeps unacknowledged before it discards the oldest */
  readonly outboxCapacity?: number;
  readonly backoff?: Partial<BackoffOptions>;
  /** MQTT keepalive, seconds */
  readonly keepaliveS?: number;
  /** how long to wait for CONNACK, ms */
  readonly connectTimeoutMs?: number;
  /** how long stop() waits for the outbox to drain and the offline status to be acknowledged, ms */
  readonly stopTimeoutMs?: number;
  /** the device's clock (measurement times, status clock); default Date.now */
  readonly now?: () => number;
  /** also re-send the status every this long, ms (battery, clock); default: only on connect and battery change */
  readonly statusIntervalMs?: number;
  readonly faults?: DeviceFaults;
  /** called once per readings message on its PUBACK (not for the duplicate-upload fault's second copy) */
  readonly onAcknowledged?: (message: AcknowledgedMessage) => void;
  readonly log?: SimLogger;
}

export const DEVICE_DEFAULTS = {
  firstTickDelayMs: 0,
  utcOffsetMinutes: 300,
  firstSeq: 1,
  firmware: 'rpm-sim/0.1.0',
  model: 'RPM-SIM-HUB',
  batteryPercent: 100,
  /** a backlog after an outage drains in windows of this many messages */
  maxInFlight: 16,
  /** ~6 days of 5 s ticks */
  outboxCapacity: 100_000,
  /** device protocol v1: keepalive 30 s */
  keepaliveS: 30,
  connectTimeoutMs: 10_000,
  stopTimeoutMs: 3_000,
} as const;

export interface DeviceStats {
  readonly deviceId: string;
  readonly connected: boolean;
  /** messages measured and numbered (given a seq) */
  readonly created: number;
  /** PUBLISH packets handed to the MQTT client, resends after a failure included */
  readonly sent: number;
  /** messages the broker acknowledged (PUBACK): delivered */
  readonly acknowledged: number;
  /** sends that ended without PUBACK; the message stays in the outbox and goes again */
  readonly failed: number;
  /** messages discarded because the outbox was full */
  readonly dropped: number;
  /** messages published a second time on purpose (duplicate-upload fault) */
  readonly duplicated: number;
  /** messages sent malformed on purpose (faulty-firmware fault) */
  readonly corrupted: number;
  /** messages in the outbox: not yet acknowledged */
  readonly pending: number;
  readonly inFlight: number;
  /** successful CONNACKs */
  readonly connects: number;
  /** seq of the newest message, undefined before the first */
  readonly lastSeq: number | undefined;
  readonly lastError: string | undefined;
}
