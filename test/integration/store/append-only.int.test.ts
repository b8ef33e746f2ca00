import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '@rpm/server';
import { AlertStore } from '../../../server/src/alerts/alert-store.ts';
import { AuditLog } from '../../../server/src/audit/audit-log.ts';
import { UserStore } from '../../../server/src/auth/user-store.ts';
import { OverrideStore } from '../../../server/src/clinical/override-store.ts';
import { DeviceStore } from '../../../server/src/devices/device-store.ts';
import { PassportStore } from '../../../server/src/passport/passport-store.ts';
import { PatientStore } from '../../../server/src/patients/patient-store.ts';
import { CorrectionStore } from '../../../server/src/portal/correction-store.ts';
import { TeamStore } from '../../../server/src/teams/team-store.ts';
import { freePort } from '../../harness/free-port.ts';
import { DIALECTS, openDatabaseUnderTest, type DatabaseUnderTest } from './dialects.ts';

const T0 = 1_800_000_000_000;

/** Each append-only table and a text column to try to rewrite. */
const APPEND_ONLY = [
  ['audit_log', 'action'],
  ['threshold_overrides', 'reason'],
  ['observations', 'value'],
  ['passport_entries', 'reason'],
  ['correction_requests', 'message'],
  ['correction_events', 'note'],
] as const;

/**
 * Below the application: raw SQL through Kysely, not the stores, must fail to rewrite or remove what the records keep,
 * on both engines (SQLite triggers; PostgreSQL PL/pgSQL triggers).
 */
describe.each(DIALECTS)('append-only records on %s', (dialect) => {
  let t: DatabaseUnderTest;
  let patientId: string;
  let otherPatientId: string;
  let deviceId: string;
  let userId: string;

  const rowsOf = async (table: string): Promise<unknown[]> => (await sql`SELECT * FROM ${sql.table(table)} ORDER BY 1`.execute(t.db)).rows;

  beforeAll(async () => {
    t = await openDatabaseUnderTest(dialect);
    const user = await new UserStore(t.db).create({
      username: 'nurse.x',
      password: 'nurse-password-x',
      displayName: 'Nurse X',
      role: 'clinician',
    });
    userId = user.id;
    const team = await new TeamStore(t.db).create('Append-only');
    const patients = new PatientStore(t.db);
    patientId = (await patients.create({ name: 'Kept patient' }, [team.id], user.id)).id;
    otherPatientId = (await patients.create({ name: 'Other patient' }, [team.id], user.id)).id;
    deviceId = (await new DeviceStore(t.db).register(patientId, 'oximeter', T0, user.id)).deviceId;

    await new AuditLog(t.db).record({ actor: user, patientId, action: 'patient.read', channel: 'rest', outcome: 'allowed' }, T0);
    await new OverrideStore(t.db).record(patientId, { ruleId: 'temp_high', param: 'above', value: 38.5, reason: 'baseline' }, user.id, T0);
    await t.db
      .insertInto('observations')
      .values({ id: undefined, patient_id: patientId, type: 'consciousness', value: 'A', at: T0, recorded_by: user.id, recorded_at: T0 })
      .execute();
    await new PassportStore(t.db).record(patientId, { section: 'diagnosis', data: { icd10: 'N18.5', description: 'CKD 5' } }, user.id, T0);
    const corrections = new CorrectionStore(t.db);
    const request = await corrections.create(patientId, user.id, { section: 'diagnosis', message: 'please check' }, T0);
    await corrections.answer(request.id, 'accepted', 'checking', user.id, T0 + 1);
  });
  afterAll(async () => {
    await t.stop();
  });

  it.each(APPEND_ONLY)('%s refuses UPDATE and DELETE', async (table, column) => {
    const before = await rowsOf(table);
    expect(before.length).toBeGreaterThan(0);
    await expect(sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = 'tampered'`.execute(t.db)).rejects.toThrow(
      `${table} is append-only`,
    );
    await expect(sql`DELETE FROM ${sql.table(table)}`.execute(t.db)).rejects.toThrow(`${table} is append-only`);
    expect(await rowsOf(table)).toEqual(before);
  });

  it.runIf(dialect === 'postgres').each(APPEND_ONLY)('%s refuses TRUNCATE (which skips row triggers on PostgreSQL)', async (table) => {
    const before = await rowsOf(table);
    await expect(sql`TRUNCATE ${sql.table(table)} CASCADE`.execute(t.db)).rejects.toThrow(`${table} is append-only`);
    expect(await rowsOf(table)).toEqual(before);
  });

  it('lets a device binding be closed once, never rewritten or deleted', async () => {
    const open = sql`UPDATE device_assignments SET patient_id = ${otherPatientId} WHERE device_id = ${deviceId} AND to_at IS NULL`;
    await expect(open.execute(t.db)).rejects.toThrow('a binding can only be closed');
    await expect(
      sql`UPDATE device_assignments SET to_at = ${T0 + 5}, reason = 'rewritten' WHERE device_id = ${deviceId}`.execute(t.db),
    ).rejects.toThrow('a binding can only be closed');
    await sql`UPDATE device_assignments SET to_at = ${T0 + 5} WHERE device_id = ${deviceId} AND to_at IS NULL`.execute(t.db);
    await expect(sql`UPDATE device_assignments SET to_at = ${T0 + 6} WHERE device_id = ${deviceId}`.execute(t.db)).rejects.toThrow(
      'a binding can only be closed',
    );
    await expect(sql`DELETE FROM device_assignments`.execute(t.db)).rejects.toThrow('device_assignments is append-only');
    expect(await t.db.selectFrom('device_assignments').select(['patient_id', 'to_at', 'reason']).execute()).toEqual([
      { patient_id: patientId, to_at: T0 + 5, reason: 'registered' },
    ]);
  });

  it('refuses a second active alert for the same patient and rule, and a second version superseding the same one', async () => {
    const { alert } = await new AlertStore(t.db).raiseOrUpdate({
      patientId,
      ruleId: 'spo2_very_low',
      priority: 'high',
      readingType: 'spo2',
      params: { value: 86 },
      measuredAt: T0,
      receivedAt: T0,
      backfilled: false,
      dataAgeMs: 0,
      readingsCount: 1,
    });
    const row = await t.db.selectFrom('alerts').selectAll().where('id', '=', alert.id).executeTakeFirstOrThrow();
    const copy = { ...row, id: '00000000-0000-4000-8000-0000000000a1' };
    await expect(t.db.insertInto('alerts').values(copy).execute()).rejects.toThrow();
    // the partial index leaves resolved alerts out: history may hold any number of them
    await t.db
      .insertInto('alerts')
      .values({ ...copy, status: 'resolved' })
      .execute();

    const version = await t.db.selectFrom('passport_entries').selectAll().executeTakeFirstOrThrow();
    const successor = { ...version, id: undefined, change: 'corrected' as const, supersedes: version.id, recorded_by: userId };
    await t.db.insertInto('passport_entries').values(successor).execute();
    await expect(t.db.insertInto('passport_entries').values(successor).execute()).rejects.toThrow();
  });

  it.runIf(dialect === 'postgres')('has PostgreSQL cancel a statement that outlives the configured timeout', async () => {
    const url = t.postgresUrl ?? '';
    const db = await openDatabase({ kind: 'postgres', url, poolSize: 1, statementTimeoutMs: 200, connectTimeoutMs: 5_000 });
    try {
      const started = Date.now();
      await expect(sql`SELECT pg_sleep(5)`.execute(db)).rejects.toThrow('statement timeout');
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      await db.destroy();
    }
  });

  it('opens the same database again without migrating twice', async () => {
    const again = await t.reopen();
    try {
      const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(again);
      expect(applied.rows.map((r) => r.name)).toEqual([
        '001-initial',
        '002-alert-lifecycle',
        '003-clinical-rules',
        '004-device-lifecycle',
        '005-health-passport',
      ]);
      expect(await again.selectFrom('patients').select('name').where('id', '=', patientId).executeTakeFirst()).toEqual({
        name: 'Kept patient',
      });
    } finally {
      await again.destroy();
    }
  });
});

describe('an unreachable PostgreSQL at start', () => {
  it('stops the start with one clear error that names the server but not the password', async () => {
    const port = await freePort();
    const opening = openDatabase({
      kind: 'postgres',
      url: `postgres://rpm:secret-database-password@127.0.0.1:${port}/rpm`,
      poolSize: 2,
      statementTimeoutMs: 1_000,
      connectTimeoutMs: 2_000,
    });
    const error = await opening.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(`cannot connect to PostgreSQL at postgres://rpm@127.0.0.1:${port}/rpm (RPM_DATABASE_URL): `);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('secret-database-password');
  });
});
