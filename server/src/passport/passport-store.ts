import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  SINGLE_ENTRY_SECTIONS,
  type NewPassportEntryRequest,
  type Passport,
  type PassportEntry,
  type PassportVersion,
  type SupersedePassportEntryRequest,
} from '@rpm/contracts';
import { lockPatient } from '../db/lock-patient.ts';
import type { Database, PassportEntriesTable } from '../db/schema.ts';
import { toPassport, toVersion, type PassportRow } from './passport-view.ts';

/** Why a write was refused: no such entry of this patient, already ended, changed meanwhile, another section, or a second current entry of a single-entry section. */
export type PassportRefusal = 'not_found' | 'ended' | 'changed' | 'section_mismatch' | 'single_exists';

/**
 * The health passport in SQLite: every version of every entry, never updated or deleted (triggers refuse it). The
 * current version of an entry is the one no other version supersedes.
 */
export class PassportStore {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  private versions(db: Kysely<Database>, patientId: string) {
    return db
      .selectFrom('passport_entries as v')
      .innerJoin('users', 'users.id', 'v.recorded_by')
      .select([
        'v.id',
        'v.entry_id',
        'v.patient_id',
        'v.section',
        'v.change',
        'v.data',
        'v.supersedes',
        'v.reason',
        'v.recorded_by',
        'v.recorded_at',
        'users.display_name as recorded_by_name',
      ])
      .where('v.patient_id', '=', patientId);
  }

  private currentVersions(db: Kysely<Database>, patientId: string) {
    return this.versions(db, patientId).where((eb) =>
      eb.not(eb.exists(eb.selectFrom('passport_entries as next').select('next.id').whereRef('next.supersedes', '=', 'v.id'))),
    );
  }

  async current(patientId: string): Promise<Passport> {
    const rows = (await this.currentVersions(this.db, patientId).orderBy('v.id').execute()) as PassportRow[];
    const firsts = await this.db
      .selectFrom('passport_entries')
      .select(['entry_id', (eb) => eb.fn.min<number>('recorded_at').as('first_at')])
      .where('patient_id', '=', patientId)
      .groupBy('entry_id')
      .execute();
    return toPassport(patientId, rows, new Map(firsts.map((f) => [f.entry_id, f.first_at])));
  }

  /** Every version of every entry, oldest first. */
  async history(patientId: string): Promise<PassportVersion[]> {
    const rows = (await this.versions(this.db, patientId).orderBy('v.id').execute()) as PassportRow[];
    return rows.map(toVersion);
  }

  /** The entry in force (not ended), for a correction request that names it. */
  async currentEntry(patientId: string, entryId: string): Promise<PassportEntry | undefined> {
    const passport = await this.current(patientId);
    const all: PassportEntry[] = [
      ...(passport.registration === null ? [] : [passport.registration]),
      ...passport.diagnoses,
      ...passport.prescriptions,
      ...passport.hospitalisations,
      ...passport.sickLeaves,
      ...passport.dispensary,
      ...passport.entitlements,
    ];
    return all.find((e) => e.entryId === entryId);
  }

  async record(
    patientId: string,
    request: NewPassportEntryRequest,
    userId: string,
    now = Date.now(),
  ): Promise<PassportVersion | PassportRefusal> {
    return this.db.transaction().execute(async (tx) => {
      await lockPatient(tx, patientId);
      if (SINGLE_ENTRY_SECTIONS.includes(request.section)) {
        const open = await this.currentVersions(tx, patientId)
          .where('v.section', '=', request.section)
          .where('v.change', '!=', 'ended')
          .executeTakeFirst();
        if (open !== undefined) return 'single_exists';
      }
      return this.insert(tx, {
        entry_id: randomUUID(),
        patient_id: patientId,
        section: request.section,
        change: 'recorded',
        data: JSON.stringify(request.data),
        supersedes: null,
        reason: null,
        recorded_by: userId,
        recorded_at: now,
      });
    });
  }

  /** A new version of the entry: corrected data, or ended. */
  async supersede(
    patientId: string,
    entryId: string,
    request: SupersedePassportEntryRequest,
    userId: string,
    now = Date.now(),
  ): Promise<PassportVersion | PassportRefusal> {
    return this.db.transaction().execute(async (tx) => {
      await lockPatient(tx, patientId);
      const current = await this.currentVersions(tx, patientId).where('v.entry_id', '=', entryId).executeTakeFirst();
      if (current === undefined) return 'not_found';
      if (current.change === 'ended') return 'ended';
      const currentVersion = Number(current.id);
      if (request.version !== undefined && request.version !== currentVersion) return 'changed';
      const ended = 'ended' in request;
      if (!ended && request.section !== current.section) return 'section_mismatch';
      return this.insert(tx, {
        entry_id: entryId,
        patient_id: patientId,
        section: current.section,
        change: ended ? 'ended' : 'corrected',
        data: ended ? null : JSON.stringify(request.data),
        supersedes: currentVersion,
        reason: request.reason,
        recorded_by: userId,
        recorded_at: now,
      });
    });
  }

  private async insert(tx: Kysely<Database>, row: Omit<PassportEntriesTable, 'id'>): Promise<PassportVersion> {
    const { id } = await tx
      .insertInto('passport_entries')
      .values({ id: undefined, ...row })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await tx.selectFrom('users').select('display_name').where('id', '=', row.recorded_by).executeTakeFirstOrThrow();
    return toVersion({ ...row, id: Number(id), recorded_by_name: user.display_name });
  }
}
