import type { AcceptedReading } from '@rpm/contracts';

/** Durable time-series storage of accepted readings (InfluxDB; other adapters would carry their technology's name). */
export interface ReadingStore {
  /** Writes the readings; resolves only when InfluxDB confirmed them; rejects on failure (caller retries). */
  write(readings: readonly AcceptedReading[]): Promise<void>;
  /** true when InfluxDB answers its ping/health endpoint */
  ping(): Promise<boolean>;
  /** creates the database when it does not exist (v1 only: CREATE DATABASE via /query); no-op for v2 */
  ensureDatabase(): Promise<void>;
  close(): Promise<void>;
}
