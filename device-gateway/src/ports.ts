import type { AcceptedReading, DeviceIdentity, DeviceStatusUpdate, QuarantineEntry } from '@rpm/contracts';

/** Device records: kept in the platform database, reached through this port (in-process by default). */
export interface DeviceDirectory {
  /** The device when the id and secret match an active device; undefined otherwise. */
  authenticate(deviceId: string, secret: string): Promise<DeviceIdentity | undefined>;
  /** The active device with this id, without a secret check (external-broker mode: the broker authenticated it). */
  lookup(deviceId: string): Promise<DeviceIdentity | undefined>;
  recordStatus(update: DeviceStatusUpdate): Promise<void>;
}

/** Where refused messages and readings go, with their reason, for ops to inspect. */
export interface QuarantineSink {
  record(entries: readonly QuarantineEntry[]): Promise<void>;
}

/** Receives every reading once InfluxDB has confirmed it (the rules engine, in-process). */
export type ReadingListener = (readings: readonly AcceptedReading[]) => void;

/** Minimal logger (pino-compatible): the object first, then the message. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}
