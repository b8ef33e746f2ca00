import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { SqlDialect } from '../sql-dialect.ts';
import { createRefuseChangeFunction, floatType, makeAppendOnly, withIdColumn } from './portable-ddl.ts';

/** People, teams, patients, devices, quarantine, alerts and the append-only audit log. */
export const initial = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('disabled_at', 'bigint')
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();

    await db.schema
      .createTable('care_teams')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('team_members')
      .addColumn('team_id', 'text', (c) => c.notNull().references('care_teams.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('member_role', 'text', (c) => c.notNull())
      .addColumn('tier', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
      .execute();

    await db.schema
      .createTable('patients')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('birth_date', 'text')
      .addColumn('sex', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .execute();

    await db.schema
      .createTable('team_patients')
      .addColumn('team_id', 'text', (c) => c.notNull().references('care_teams.id'))
      .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
      .addPrimaryKeyConstraint('team_patients_pk', ['team_id', 'patient_id'])
      .execute();
    await db.schema.createIndex('team_patients_patient').on('team_patients').column('patient_id').execute();

    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
      .addColumn('model', 'text')
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('registered_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint')
      .addColumn('online', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('battery', floatType(dialect))
      .addColumn('firmware', 'text')
      .addColumn('clock_offset_ms', 'bigint')
      .execute();
    await db.schema.createIndex('devices_patient').on('devices').column('patient_id').execute();

    await withIdColumn(db.schema.createTable('quarantine'), dialect)
      .addColumn('device_id', 'text')
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('payload_prefix', 'text', (c) => c.notNull())
      .addColumn('reading_index', 'integer')
      .addColumn('seq', 'bigint')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('quarantine_at').on('quarantine').column('at').execute();

    await db.schema
      .createTable('alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reading_type', 'text', (c) => c.notNull())
      .addColumn('params', 'text', (c) => c.notNull())
      .addColumn('measured_at', 'bigint', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('raised_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('occurrences', 'integer', (c) => c.notNull())
      .addColumn('acknowledged_by', 'text')
      .addColumn('acknowledged_at', 'bigint')
      .addColumn('resolved_at', 'bigint')
      .execute();
    // One open alert per patient and rule: new readings update it, never a storm.
    await db.schema
      .createIndex('alerts_one_active')
      .on('alerts')
      .columns(['patient_id', 'rule_id'])
      .unique()
      .where(sql.ref('status'), '!=', 'resolved')
      .execute();
    await db.schema.createIndex('alerts_status').on('alerts').columns(['status', 'raised_at']).execute();

    await withIdColumn(db.schema.createTable('audit_log'), dialect)
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_role', 'text')
      .addColumn('patient_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('audit_patient').on('audit_log').columns(['patient_id', 'at']).execute();
    // Append-only below the application: the database itself refuses to change or remove audit rows.
    if (dialect === 'postgres') await createRefuseChangeFunction(db);
    await makeAppendOnly(db, dialect, 'audit_log');
  },
});
