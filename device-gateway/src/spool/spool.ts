import type { CanonicalReading } from '@rpm/contracts';

/** One acknowledged message's accepted readings, as kept in the spool until InfluxDB confirms them. */
export interface SpoolEntry {
  readonly id: number;
  readonly deviceId: string;
  readonly patientId: string;
  readonly seq: number;
  /** epoch ms */
  readonly receivedAt: number;
  readonly readings: readonly CanonicalReading[];
}

export type NewSpoolEntry = Omit<SpoolEntry, 'id'> & {
  /** digest of the message payload: the same (device, seq) with another payload is a counter reset, not a replay */
  readonly digest: string;
};

export type AppendOutcome = 'stored' | 'duplicate';

export interface SpoolStats {
  readonly messages: number;
  readonly readings: number;
  readonly bytes: number;
  readonly maxBytes: number;
  /** receipt time of the oldest entry still waiting for InfluxDB (epoch ms), undefined when empty */
  readonly oldestReceivedAt: number | undefined;
  readonly deadLetters: number;
}

export interface DeadLetter {
  readonly id: number;
  readonly deviceId: string;
  readonly patientId: string;
  readonly seq: number;
  readonly reading: CanonicalReading;
  /** what InfluxDB answered */
  readonly error: string;
  readonly at: number;
}

/**
 * The durable log between the PUBACK and InfluxDB (ARCHITECTURE §4). append() resolves only once the entry is on
 * disk (group-committed with the entries that arrived with it); entries leave only through remove() after InfluxDB
 * confirmed them, or deadLetter() when InfluxDB refuses a line for good.
 */
export interface Spool {
  append(entry: NewSpoolEntry): Promise<AppendOutcome>;
  /**
   * the oldest entries (after `afterId`, so a second batch can be read while the first is being written), up to
   * about `maxReadings` readings (at least one entry)
   */
  peek(maxReadings: number, afterId?: number): SpoolEntry[];
  /**
   * Entries InfluxDB confirmed. Not fsynced on its own: a removal lost to a power cut only writes those readings to
   * InfluxDB again, and the same point overwrites itself (decision 010).
   */
  remove(ids: readonly number[]): void;
  /** moves refused readings aside with InfluxDB's reason; the rest of their entry stays */
  deadLetter(entry: SpoolEntry, refused: readonly CanonicalReading[], error: string): void;
  listDeadLetters(limit: number): DeadLetter[];
  stats(): SpoolStats;
  /** false from a refused append until usage falls below 90% of the bound */
  hasRoom(): boolean;
  close(): Promise<void>;
}
