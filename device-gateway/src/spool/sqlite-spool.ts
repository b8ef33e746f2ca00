import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { CanonicalReading } from '@rpm/contracts';
import type { AppendOutcome, DeadLetter, NewSpoolEntry, Spool, SpoolEntry, SpoolStats } from './spool.ts';
import { SpoolFullError } from './spool-errors.ts';

export interface SqliteSpoolOptions {
  /** the spool file; ":memory:" only in unit tests */
  readonly file: string;
  /** size bound of the spooled readings (their JSON), bytes */
  readonly maxBytes: number;
  /** how long a (device, seq) is remembered to recognise replays, ms */
  readonly dedupWindowMs: number;
  readonly now?: () => number;
}

interface Pending {
  readonly entry: NewSpoolEntry;
  readonly json: string;
  readonly resolve: (outcome: AppendOutcome) => void;
  readonly reject: (error: unknown) => void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  reading_count INTEGER NOT NULL,
  readings TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS seen (
  device_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  digest TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS seen_at ON seen (at);
CREATE TABLE IF NOT EXISTS dead_letters (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  reading TEXT NOT NULL,
  error TEXT NOT NULL,
  at INTEGER NOT NULL
);`;

/**
 * The spool as a SQLite file in WAL mode with synchronous=FULL: a COMMIT returns only after fsync, and SQLite's WAL
 * checksums make a torn tail after a crash invisible (the half-written transaction is discarded, never half-read).
 * Appends arriving in the same event-loop turn share one transaction and one fsync (group commit).
 */
export class SqliteSpool implements Spool {
  private readonly db: DatabaseSync;
  private readonly maxBytes: number;
  private readonly dedupWindowMs: number;
  private readonly now: () => number;
  private readonly stmt: Record<
    'seen' | 'markSeen' | 'insert' | 'peek' | 'remove' | 'removeMany' | 'update' | 'dead' | 'listDead' | 'oldest' | 'prune',
    StatementSync
  >;
  private pending: Pending[] = [];
  private pendingBytes = 0;
  private flushScheduled = false;
  private messages = 0;
  private readings = 0;
  private bytes = 0;
  private deadLetters = 0;
  private lastPruneAt = 0;
  /** set when an append is refused; cleared once usage falls below 90% of the bound (hysteresis) */
  private full = false;
  private closed = false;

  constructor(options: SqliteSpoolOptions) {
    this.maxBytes = options.maxBytes;
    this.dedupWindowMs = options.dedupWindowMs;
    this.now = options.now ?? Date.now;
    this.db = new DatabaseSync(options.file);
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = FULL');
    this.db.exec(SCHEMA);
    this.stmt = {
      seen: this.db.prepare('SELECT digest FROM seen WHERE device_id = ? AND seq = ?'),
      markSeen: this.db.prepare('INSERT OR REPLACE INTO seen (device_id, seq, digest, at) VALUES (?, ?, ?, ?)'),
      insert: this.db.prepare(
        'INSERT INTO entries (device_id, patient_id, seq, received_at, reading_count, readings) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      peek: this.db.prepare(
        'SELECT id, device_id, patient_id, seq, received_at, reading_count, readings FROM entries WHERE id > ? ORDER BY id LIMIT ?',
      ),
      remove: this.db.prepare('DELETE FROM entries WHERE id = ? RETURNING reading_count, length(readings) AS bytes'),
      removeMany: this.db.prepare(
        'DELETE FROM entries WHERE id IN (SELECT value FROM json_each(?)) RETURNING reading_count, length(readings) AS bytes',
      ),
      update: this.db.prepare('UPDATE entries SET readings = ?, reading_count = ? WHERE id = ?'),
      dead: this.db.prepare('INSERT INTO dead_letters (device_id, patient_id, seq, reading, error, at) VALUES (?, ?, ?, ?, ?, ?)'),
      listDead: this.db.prepare('SELECT id, device_id, patient_id, seq, reading, error, at FROM dead_letters ORDER BY id DESC LIMIT ?'),
      oldest: this.db.prepare('SELECT received_at FROM entries ORDER BY id LIMIT 1'),
      prune: this.db.prepare('DELETE FROM seen WHERE at < ?'),
    };
    const totals = this.db
      .prepare('SELECT COUNT(*) AS n, COALESCE(SUM(reading_count), 0) AS r, COALESCE(SUM(length(readings)), 0) AS b FROM entries')
      .get() as { n: number; r: number; b: number };
    this.messages = totals.n;
    this.readings = totals.r;
    this.bytes = totals.b;
    this.deadLetters = (this.db.prepare('SELECT COUNT(*) AS n FROM dead_letters').get() as { n: number }).n;
  }

  append(entry: NewSpoolEntry): Promise<AppendOutcome> {
    if (this.closed) return Promise.reject(new Error('spool closed'));
    const json = JSON.stringify(entry.readings);
    if (this.bytes + this.pendingBytes + json.length > this.maxBytes) {
      this.full = true;
      return Promise.reject(new SpoolFullError(this.bytes + this.pendingBytes, this.maxBytes));
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, json, resolve, reject });
      this.pendingBytes += json.length;
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** One transaction, one fsync, for every append of this turn. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (batch.length === 0) return;
    const outcomes: AppendOutcome[] = [];
    let added = { messages: 0, readings: 0, bytes: 0 };
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (const { entry, json } of batch) {
        const seen = this.stmt.seen.get(entry.deviceId, entry.seq) as { digest: string } | undefined;
        if (seen?.digest === entry.digest) {
          outcomes.push('duplicate');
          continue;
        }
        this.stmt.markSeen.run(entry.deviceId, entry.seq, entry.digest, entry.receivedAt);
        if (entry.readings.length > 0) {
          this.stmt.insert.run(entry.deviceId, entry.patientId, entry.seq, entry.receivedAt, entry.readings.length, json);
          added = { messages: added.messages + 1, readings: added.readings + entry.readings.length, bytes: added.bytes + json.length };
        }
        outcomes.push('stored');
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      for (const p of batch) p.reject(error);
      return;
    }
    this.messages += added.messages;
    this.readings += added.readings;
    this.bytes += added.bytes;
    batch.forEach((p, i) => p.resolve(outcomes[i] ?? 'stored'));
    this.pruneSeen();
  }

  private pruneSeen(): void {
    const now = this.now();
    if (now - this.lastPruneAt < 60_000) return;
    this.lastPruneAt = now;
    this.stmt.prune.run(now - this.dedupWindowMs);
  }

  peek(maxReadings: number, afterId = 0): SpoolEntry[] {
    const out: SpoolEntry[] = [];
    let count = 0;
    // every entry holds at least one reading, so maxReadings entries is always enough
    for (const row of this.stmt.peek.iterate(afterId, Math.max(1, maxReadings)) as Iterable<{
      id: number;
      device_id: string;
      patient_id: string;
      seq: number;
      received_at: number;
      reading_count: number;
      readings: string;
    }>) {
      if (out.length > 0 && count + row.reading_count > maxReadings) break;
      out.push({
        id: row.id,
        deviceId: row.device_id,
        patientId: row.patient_id,
        seq: row.seq,
        receivedAt: row.received_at,
        readings: JSON.parse(row.readings) as CanonicalReading[],
      });
      count += row.reading_count;
    }
    return out;
  }

  /**
   * One statement for the whole batch, committed without its own fsync (synchronous=NORMAL for this transaction
   * only): the profile showed the per-batch fsync blocking the event loop, and so the PUBACKs, as long as an
   * append's. In WAL mode the next append's FULL commit fsyncs the WAL with this transaction in it; until then a
   * power cut can undo the removal, which only means InfluxDB gets the same points again (decision 010).
   */
  remove(ids: readonly number[]): void {
    if (ids.length === 0) return;
    this.db.exec('PRAGMA synchronous = NORMAL');
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        for (const row of this.stmt.removeMany.all(JSON.stringify(ids)) as { reading_count: number; bytes: number }[]) {
          this.messages--;
          this.readings -= row.reading_count;
          this.bytes -= row.bytes;
        }
        this.db.exec('COMMIT');
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.db.exec('PRAGMA synchronous = FULL');
    }
  }

  deadLetter(entry: SpoolEntry, refused: readonly CanonicalReading[], error: string): void {
    const refusedKeys = new Set(refused.map((r) => JSON.stringify(r)));
    const remaining = entry.readings.filter((r) => !refusedKeys.has(JSON.stringify(r)));
    const at = this.now();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const r of refused) this.stmt.dead.run(entry.deviceId, entry.patientId, entry.seq, JSON.stringify(r), error.slice(0, 1000), at);
      const removed = this.stmt.remove.get(entry.id) as { reading_count: number; bytes: number } | undefined;
      if (removed !== undefined) {
        this.messages--;
        this.readings -= removed.reading_count;
        this.bytes -= removed.bytes;
      }
      if (remaining.length > 0) {
        // re-insert under the same id so the entry keeps its place in the queue
        const json = JSON.stringify(remaining);
        this.db
          .prepare(
            'INSERT INTO entries (id, device_id, patient_id, seq, received_at, reading_count, readings) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(entry.id, entry.deviceId, entry.patientId, entry.seq, entry.receivedAt, remaining.length, json);
        this.messages++;
        this.readings += remaining.length;
        this.bytes += json.length;
      }
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
    this.deadLetters += refused.length;
  }

  listDeadLetters(limit: number): DeadLetter[] {
    return (
      this.stmt.listDead.all(limit) as {
        id: number;
        device_id: string;
        patient_id: string;
        seq: number;
        reading: string;
        error: string;
        at: number;
      }[]
    ).map((r) => ({
      id: r.id,
      deviceId: r.device_id,
      patientId: r.patient_id,
      seq: r.seq,
      reading: JSON.parse(r.reading) as CanonicalReading,
      error: r.error,
      at: r.at,
    }));
  }

  stats(): SpoolStats {
    const oldest = this.stmt.oldest.get() as { received_at: number } | undefined;
    return {
      messages: this.messages,
      readings: this.readings,
      bytes: this.bytes,
      maxBytes: this.maxBytes,
      oldestReceivedAt: oldest?.received_at,
      deadLetters: this.deadLetters,
    };
  }

  hasRoom(): boolean {
    if (this.full && this.bytes + this.pendingBytes < this.maxBytes * 0.9) this.full = false;
    return !this.full;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.pending.length > 0) this.flush();
    await Promise.resolve();
    this.db.close();
  }
}
