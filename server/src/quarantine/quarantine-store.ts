import type { Kysely } from 'kysely';
import type { QuarantineEntry } from '@rpm/contracts';
import type { Database } from '../db/schema.ts';

/** Refused messages and readings with their reasons (the gateway's QuarantineSink), for ops to list. */
export class QuarantineStore {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async record(entries: readonly QuarantineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db
      .insertInto('quarantine')
      .values(
        entries.map((e) => ({
          id: undefined,
          device_id: e.deviceId ?? null,
          topic: e.topic,
          reason: e.reason,
          detail: e.detail,
          payload_prefix: e.payloadPrefix,
          reading_index: e.readingIndex ?? null,
          seq: e.seq ?? null,
          at: e.at,
        })),
      )
      .execute();
  }

  async list(limit: number): Promise<QuarantineEntry[]> {
    const rows = await this.db.selectFrom('quarantine').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      deviceId: r.device_id ?? undefined,
      topic: r.topic,
      reason: r.reason as QuarantineEntry['reason'],
      detail: r.detail,
      payloadPrefix: r.payload_prefix,
      ...(r.reading_index === null ? {} : { readingIndex: r.reading_index }),
      ...(r.seq === null ? {} : { seq: r.seq }),
      at: r.at,
    }));
  }
}
