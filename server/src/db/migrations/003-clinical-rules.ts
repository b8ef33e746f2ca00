import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { SqlDialect } from '../sql-dialect.ts';
import { floatType, makeAppendOnly, withIdColumn } from './portable-ddl.ts';

/**
 * Programme enrolment and the prescribed SpO2 target per patient; clinicians' threshold overrides and observations
 * (append-only: a change is a new row, so who set what, when and why is never lost); late-data facts on alerts.
 */
export const clinicalRules = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('patients')
      .addColumn('programs', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema.alterTable('patients').addColumn('spo2_target', 'text').execute();

    await db.schema
      .alterTable('alerts')
      .addColumn('backfilled', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('alerts')
      .addColumn('data_age_ms', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('alerts').addColumn('device_id', 'text').execute();

    await withIdColumn(db.schema.createTable('threshold_overrides'), dialect)
      .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('param', 'text', (c) => c.notNull())
      // null: the override was removed (back to the programme's default)
      .addColumn('value', floatType(dialect))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('set_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('threshold_overrides_patient').on('threshold_overrides').columns(['patient_id', 'id']).execute();

    await withIdColumn(db.schema.createTable('observations'), dialect)
      .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('observations_patient').on('observations').columns(['patient_id', 'type', 'at']).execute();

    for (const table of ['threshold_overrides', 'observations']) await makeAppendOnly(db, dialect, table);
  },
});
