import type { AcceptedReading, CanonicalReading } from '@rpm/contracts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { Logger } from '../ports.ts';
import type { ReadingStore } from '../storage/reading-store.ts';
import { influxErrorKind } from './influx-error-kind.ts';
import type { Spool, SpoolEntry } from './spool.ts';

export interface DrainerOptions {
  /** readings per InfluxDB write; 1,000-line batches were as fast as 5,000 here (ARCHITECTURE §8) */
  readonly batchReadings: number;
  /** first retry delay after an outage; doubles up to retryMaxMs, with full jitter */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /**
   * batches written at once (default 2): a second request in flight hides the round trip and the spool work
   * between batches; more than 2 writers gained nothing on InfluxDB 1.6.7 (ARCHITECTURE §8)
   */
  readonly concurrency?: number;
}

const DEFAULT_CONCURRENCY = 2;

const toAccepted = (e: SpoolEntry, readings: readonly CanonicalReading[] = e.readings): AcceptedReading[] =>
  readings.map((reading) => ({ deviceId: e.deviceId, patientId: e.patientId, seq: e.seq, receivedAt: e.receivedAt, reading }));

/**
 * Moves the spool into InfluxDB: oldest entries first, one batch at a time, each awaited. Entries leave the spool
 * only after InfluxDB confirmed them. Outages are retried for ever with jittered exponential backoff; a batch that
 * InfluxDB refuses is split until only the refused readings remain, and those are set aside as dead letters with
 * InfluxDB's reason.
 */
export class SpoolDrainer {
  private readonly spool: Spool;
  private readonly store: ReadingStore;
  private readonly metrics: GatewayMetrics;
  private readonly log: Logger;
  private readonly options: DrainerOptions;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private sleepTimer: NodeJS.Timeout | undefined;
  private endSleep: (() => void) | undefined;
  /** consecutive failed attempts (0 = InfluxDB is keeping up) */
  failures = 0;
  lastError: string | undefined;

  constructor(spool: Spool, store: ReadingStore, metrics: GatewayMetrics, log: Logger, options: DrainerOptions) {
    this.spool = spool;
    this.store = store;
    this.metrics = metrics;
    this.log = log;
    this.options = options;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** New entries were appended. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stops after the write in progress; what is left stays in the spool for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    if (this.sleepTimer !== undefined) clearTimeout(this.sleepTimer);
    this.endSleep?.();
    await this.loop;
  }

  /** Resolves when the spool is empty (or the drainer stopped). */
  async drained(pollMs = 20): Promise<void> {
    while (this.running && this.spool.stats().messages > 0) await new Promise((r) => setTimeout(r, pollMs));
  }

  /**
   * Up to `concurrency` batches in flight, each the entries after the last one handed out. Batches may finish in
   * any order: each removes only its own entries, and InfluxDB keeps one point per series and time whatever the
   * order of writes. After a failed batch the loop lets the others finish, backs off once, and reads again from
   * the oldest entry, so whatever failed is retried first.
   */
  private async run(): Promise<void> {
    const concurrency = Math.max(1, this.options.concurrency ?? DEFAULT_CONCURRENCY);
    const inFlight = new Set<Promise<void>>();
    let cursor = 0;
    // set by a batch that failed (in its own continuation, hence an object the loop re-reads)
    const round = { failed: false };
    while (this.running) {
      if (round.failed) {
        await Promise.all(inFlight);
        round.failed = false;
        cursor = 0;
        this.failures++;
        const delay = Math.random() * Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.min(this.failures, 20));
        await this.sleep(delay);
        continue;
      }
      if (inFlight.size >= concurrency) {
        await Promise.race(inFlight);
        continue;
      }
      const batch = this.spool.peek(this.options.batchReadings, cursor);
      const last = batch.at(-1);
      if (last === undefined) {
        // nothing new: wait for a wake-up, or for a batch in flight to finish (it may have failed)
        await Promise.race([this.nextWake(), ...inFlight]);
        this.wakeUp = undefined;
        continue;
      }
      cursor = last.id;
      const task: Promise<void> = this.writeOrSetAside(batch)
        .catch((error: unknown) => {
          // the spool itself failed (disk): the entries stay, and the round backs off like an outage
          this.log.error({ err: error instanceof Error ? error.message : String(error) }, 'spool drain step failed');
          return false;
        })
        .then((ok) => {
          inFlight.delete(task);
          if (!ok) {
            round.failed = true;
            return;
          }
          if (this.failures > 0) this.log.info({ afterFailures: this.failures }, 'InfluxDB writes recovered');
          this.failures = 0;
          this.lastError = undefined;
        });
      inFlight.add(task);
    }
    await Promise.all(inFlight);
  }

  private nextWake(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wakeUp = resolve;
    });
  }

  /** @returns false on an outage (the batch stays in the spool) */
  private async writeOrSetAside(entries: readonly SpoolEntry[]): Promise<boolean> {
    const error = await this.write(entries.flatMap((e) => toAccepted(e)));
    if (error === undefined) {
      this.spool.remove(entries.map((e) => e.id));
      return true;
    }
    const kind = influxErrorKind(error);
    if (kind === 'database-missing') {
      await this.store.ensureDatabase().catch(() => undefined);
      return false;
    }
    if (kind === 'outage') return false;
    // refused: split until the culprits are isolated
    if (entries.length > 1) {
      const mid = Math.ceil(entries.length / 2);
      return (await this.writeOrSetAside(entries.slice(0, mid))) && (await this.writeOrSetAside(entries.slice(mid)));
    }
    const entry = entries[0];
    if (entry === undefined) return true;
    const refused = await this.isolateRefused(entry, entry.readings);
    if (refused === undefined) return false;
    this.spool.deadLetter(entry, refused.readings, refused.reason);
    this.metrics.deadLetters += refused.readings.length;
    this.log.warn(
      { deviceId: entry.deviceId, seq: entry.seq, refused: refused.readings.length, reason: refused.reason },
      'InfluxDB refused readings; set aside as dead letters',
    );
    // the rest of the entry was written by isolateRefused
    this.spool.remove([entry.id]);
    return true;
  }

  /** Writes what InfluxDB accepts of `readings` and returns the readings it refuses, or undefined on an outage. */
  private async isolateRefused(
    entry: SpoolEntry,
    readings: readonly CanonicalReading[],
  ): Promise<{ readings: CanonicalReading[]; reason: string } | undefined> {
    const error = await this.write(toAccepted(entry, readings));
    if (error === undefined) return { readings: [], reason: '' };
    const kind = influxErrorKind(error);
    if (kind !== 'refused') return undefined;
    if (readings.length === 1) return { readings: [...readings], reason: this.lastError ?? 'refused by InfluxDB' };
    const mid = Math.ceil(readings.length / 2);
    const left = await this.isolateRefused(entry, readings.slice(0, mid));
    if (left === undefined) return undefined;
    const right = await this.isolateRefused(entry, readings.slice(mid));
    if (right === undefined) return undefined;
    return { readings: [...left.readings, ...right.readings], reason: left.reason || right.reason };
  }

  private async write(readings: readonly AcceptedReading[]): Promise<unknown> {
    const started = performance.now();
    try {
      await this.store.write(readings);
      this.metrics.influxWrites++;
      this.metrics.influxPointsWritten += readings.length;
      this.metrics.observeInfluxLatency(performance.now() - started);
      return undefined;
    } catch (error) {
      this.metrics.influxWriteFailures++;
      this.lastError = error instanceof Error ? error.message : String(error);
      if (this.failures === 0) this.log.warn({ err: this.lastError }, 'InfluxDB write failed; readings stay in the spool and are retried');
      return error;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeUp = undefined;
      this.endSleep = resolve;
      this.sleepTimer = setTimeout(resolve, ms);
    });
  }
}
