import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Correction, CorrectionRequest, CorrectionStatus } from '@rpm/contracts';
import { lockPatient } from '../db/lock-patient.ts';
import type { Database } from '../db/schema.ts';
import { canMoveTo } from './correction-status.ts';

export type CorrectionRefusal = 'not_found' | 'invalid_transition';

/**
 * Patients' requests to correct their passport, routed to their care teams (append-only: a request is never changed;
 * each answer is a new event and the latest is its status).
 */
export class CorrectionStore {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async create(patientId: string, userId: string, request: CorrectionRequest, now = Date.now()): Promise<Correction> {
    const id = randomUUID();
    await this.db
      .insertInto('correction_requests')
      .values({
        id,
        patient_id: patientId,
        requested_by: userId,
        section: request.section,
        entry_id: request.entryId ?? null,
        message: request.message,
        created_at: now,
      })
      .execute();
    const created = await this.get(id);
    if (created === undefined) throw new Error(`correction ${id} vanished`);
    return created;
  }

  /** The patient's requests, newest first. */
  async listForPatient(patientId: string): Promise<Correction[]> {
    const rows = await this.db
      .selectFrom('correction_requests')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return this.withHistory(rows);
  }

  async get(id: string): Promise<Correction | undefined> {
    const rows = await this.db.selectFrom('correction_requests').selectAll().where('id', '=', id).execute();
    return (await this.withHistory(rows))[0];
  }

  async answer(
    id: string,
    status: CorrectionStatus,
    note: string,
    userId: string,
    now = Date.now(),
  ): Promise<Correction | CorrectionRefusal> {
    const outcome = await this.db.transaction().execute(async (tx): Promise<CorrectionRefusal | undefined> => {
      const exists = await tx.selectFrom('correction_requests').select('patient_id').where('id', '=', id).executeTakeFirst();
      if (exists === undefined) return 'not_found';
      // the last answer is read under the lock: a simultaneous answer is seen, not answered past
      await lockPatient(tx, exists.patient_id);
      const last = await tx
        .selectFrom('correction_events')
        .select('status')
        .where('correction_id', '=', id)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!canMoveTo(last?.status ?? 'open', status)) return 'invalid_transition';
      await tx
        .insertInto('correction_events')
        .values({ id: undefined, correction_id: id, status, note, by_user: userId, at: now })
        .execute();
      return undefined;
    });
    if (outcome !== undefined) return outcome;
    return (await this.get(id)) ?? 'not_found';
  }

  private async withHistory(
    rows: readonly {
      id: string;
      patient_id: string;
      section: Correction['section'];
      entry_id: string | null;
      message: string;
      created_at: number;
    }[],
  ): Promise<Correction[]> {
    if (rows.length === 0) return [];
    const events = await this.db
      .selectFrom('correction_events')
      .innerJoin('users', 'users.id', 'correction_events.by_user')
      .select([
        'correction_events.correction_id',
        'correction_events.status',
        'correction_events.note',
        'correction_events.at',
        'users.display_name',
      ])
      .where(
        'correction_events.correction_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('correction_events.id')
      .execute();
    return rows.map((r) => {
      const history = events
        .filter((e) => e.correction_id === r.id)
        .map((e) => ({ status: e.status, note: e.note, at: new Date(e.at).toISOString(), byName: e.display_name }));
      return {
        id: r.id,
        patientId: r.patient_id,
        section: r.section,
        entryId: r.entry_id,
        message: r.message,
        createdAt: new Date(r.created_at).toISOString(),
        status: history.at(-1)?.status ?? 'open',
        history,
      };
    });
  }
}
