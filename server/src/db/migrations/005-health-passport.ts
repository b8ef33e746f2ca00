import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { SqlDialect } from '../sql-dialect.ts';
import { idReferenceType, makeAppendOnly, withIdColumn } from './portable-ddl.ts';

/**
 * The electronic health passport (append-only versions of entries), the link from a patient's login to their record
 * (the portal), and the patient's correction requests with their answers. Nothing here is ever updated or deleted:
 * a passport entry is corrected or ended by a new version that supersedes the current one (a version can be
 * superseded only once: the unique index turns a concurrent second change into an error, not a fork), and a
 * correction request's status is its latest answer.
 */
export const healthPassport = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await withIdColumn(db.schema.createTable('passport_entries'), dialect)
      .addColumn('entry_id', 'text', (c) => c.notNull())
      .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
      .addColumn('section', 'text', (c) => c.notNull())
      .addColumn('change', 'text', (c) => c.notNull())
      // JSON of the section's data; null when the entry was ended
      .addColumn('data', 'text')
      .addColumn('supersedes', idReferenceType(dialect), (c) => c.references('passport_entries.id'))
      .addColumn('reason', 'text')
      .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('passport_entries_patient').on('passport_entries').columns(['patient_id', 'id']).execute();
    await db.schema.createIndex('passport_entries_entry').on('passport_entries').columns(['entry_id', 'id']).execute();
    await db.schema.createIndex('passport_entries_supersedes').on('passport_entries').column('supersedes').unique().execute();

    await db.schema
      .createTable('patient_users')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
      .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .execute();
    await db.schema.createIndex('patient_users_patient').on('patient_users').column('patient_id').execute();

    await db.schema
      .createTable('correction_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
      .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('section', 'text', (c) => c.notNull())
      .addColumn('entry_id', 'text')
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('correction_requests_patient').on('correction_requests').columns(['patient_id', 'created_at']).execute();

    await withIdColumn(db.schema.createTable('correction_events'), dialect)
      .addColumn('correction_id', 'text', (c) => c.notNull().references('correction_requests.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('by_user', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('correction_events_correction').on('correction_events').columns(['correction_id', 'id']).execute();

    for (const table of ['passport_entries', 'correction_requests', 'correction_events']) await makeAppendOnly(db, dialect, table);
  },
});
