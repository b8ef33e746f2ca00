import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { SqlDialect } from '../sql-dialect.ts';
import { makeAppendOnly, withIdColumn } from './portable-ddl.ts';

/**
 * Device lifecycle: secret rotation and deactivation on the device, and the history of its bindings to patients
 * (`device_assignments`). A binding is opened when a device is registered or reassigned and closed (`to_at`) when it
 * is reassigned or deactivated; once closed it can never change, and no binding is ever deleted, so who wore the
 * device when stays answerable. Existing devices get the binding they have had since registration.
 */
export const deviceLifecycle = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    for (const [column, type] of [
      ['secret_rotated_at', 'bigint'],
      ['deactivated_at', 'bigint'],
      ['deactivated_by', 'text'],
      ['deactivation_reason', 'text'],
    ] as const) {
      await db.schema.alterTable('devices').addColumn(column, type).execute();
    }

    await withIdColumn(db.schema.createTable('device_assignments'), dialect)
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
      .addColumn('from_at', 'bigint', (c) => c.notNull())
      // null: the current binding
      .addColumn('to_at', 'bigint')
      // null: not known (devices registered before this migration, or registered without a named user)
      .addColumn('assigned_by', 'text', (c) => c.references('users.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('device_assignments_device').on('device_assignments').columns(['device_id', 'id']).execute();
    // at most one open binding per device
    await db.schema
      .createIndex('device_assignments_one_open')
      .on('device_assignments')
      .column('device_id')
      .unique()
      .where(sql.ref('to_at'), 'is', null)
      .execute();

    await sql`
      INSERT INTO device_assignments (device_id, patient_id, from_at, to_at, assigned_by, reason)
      SELECT id, patient_id, registered_at, CASE WHEN active = 1 THEN NULL ELSE COALESCE(last_seen_at, registered_at) END, NULL, 'registered'
      FROM devices`.execute(db);

    // Only an open binding may change, and only by being closed; nothing is deleted.
    if (dialect === 'postgres') {
      await closeOnlyOnPostgres(db);
      return;
    }
    await sql`
      CREATE TRIGGER device_assignments_close_only BEFORE UPDATE ON device_assignments
      WHEN OLD.to_at IS NOT NULL OR NEW.to_at IS NULL OR NEW.id IS NOT OLD.id OR NEW.device_id IS NOT OLD.device_id
        OR NEW.patient_id IS NOT OLD.patient_id OR NEW.from_at IS NOT OLD.from_at OR NEW.assigned_by IS NOT OLD.assigned_by
        OR NEW.reason IS NOT OLD.reason
      BEGIN SELECT RAISE(ABORT, 'device_assignments: a binding can only be closed, never rewritten'); END`.execute(db);
    await sql`
      CREATE TRIGGER device_assignments_no_delete BEFORE DELETE ON device_assignments
      BEGIN SELECT RAISE(ABORT, 'device_assignments is append-only'); END`.execute(db);
  },
});

/** The same guard in PL/pgSQL: `IS DISTINCT FROM` is SQLite's null-safe `IS NOT`. */
async function closeOnlyOnPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION rpm_device_assignments_close_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.to_at IS NOT NULL OR NEW.to_at IS NULL OR NEW.id IS DISTINCT FROM OLD.id
        OR NEW.device_id IS DISTINCT FROM OLD.device_id OR NEW.patient_id IS DISTINCT FROM OLD.patient_id
        OR NEW.from_at IS DISTINCT FROM OLD.from_at OR NEW.assigned_by IS DISTINCT FROM OLD.assigned_by
        OR NEW.reason IS DISTINCT FROM OLD.reason THEN
        RAISE EXCEPTION 'device_assignments: a binding can only be closed, never rewritten' USING ERRCODE = 'restrict_violation';
      END IF;
      RETURN NEW;
    END
    $$`.execute(db);
  await sql`
    CREATE TRIGGER device_assignments_close_only BEFORE UPDATE ON device_assignments
    FOR EACH ROW EXECUTE FUNCTION rpm_device_assignments_close_only()`.execute(db);
  await makeAppendOnly(db, 'postgres', 'device_assignments', 'delete');
}
