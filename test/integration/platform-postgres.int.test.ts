import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '@rpm/contracts';
import { openDatabase } from '@rpm/server';
import { eventually } from '../harness/eventually.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { TEST_ADMIN_PASSWORD, startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { startPostgres, type TestPostgres } from '../harness/postgres.ts';
import { provisionDevice } from '../harness/provision.ts';
import { publishReadings } from '../harness/publish-readings.ts';

/**
 * The real product on PostgreSQL (RPM_DATABASE_URL): log in, provision a patient and a device through the API, publish
 * a reading over MQTT, see the alert raised; every row in PostgreSQL and no SQLite file beside it.
 */
describe('the platform on PostgreSQL', () => {
  let influx: TestInfluxd;
  let postgres: TestPostgres;
  let databaseUrl: string;
  let platform: TestPlatform;

  beforeAll(async () => {
    [influx, postgres] = await Promise.all([startInfluxd(), startPostgres()]);
    databaseUrl = await postgres.createDatabase('rpm_platform');
    platform = await startTestPlatform(influx.url, { RPM_DATABASE_URL: databaseUrl, RPM_DATABASE_POOL_SIZE: '4' });
  });

  afterAll(async () => {
    await platform.stop();
    await Promise.all([postgres.stop(), influx.stop()]);
  });

  /** Counts rows in PostgreSQL itself, through a connection of the test's own. */
  async function countRows(table: 'alerts' | 'audit_log' | 'device_assignments', column: 'id' | 'patient_id' | 'device_id', value: string) {
    const db = await openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 1, statementTimeoutMs: 5_000, connectTimeoutMs: 5_000 });
    try {
      const rows = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(column, '=', value)
        .execute();
      return rows[0]?.n;
    } finally {
      await db.destroy();
    }
  }

  it('raises an alert from a device reading, stored in PostgreSQL, and keeps it across a restart', { timeout: 60_000 }, async () => {
    const admin = await platform.admin.login('admin', TEST_ADMIN_PASSWORD);
    const device = await provisionDevice(admin, 'Postgres patient', ['kidney_transplant']);
    const now = Date.now();
    // two readings: the SpO2 rules confirm by re-measurement before they page (docs/clinical-rules.md)
    await publishReadings(platform.mqttPort, device, 1, [
      { type: 'spo2', at: new Date(now - 1_000).toISOString(), unit: '%', value: 86 },
      { type: 'spo2', at: new Date(now).toISOString(), unit: '%', value: 86 },
    ]);

    const alert = await eventually(
      async () => {
        const { alerts } = await admin.expect<{ alerts: Alert[] }>(200, 'GET', `/alerts?patientId=${device.patientId}&status=active`);
        return alerts.find((a) => a.ruleId === 'spo2_very_low');
      },
      20_000,
      'the SpO2 alert',
    );
    expect(alert).toMatchObject({ patientId: device.patientId, patientName: 'Postgres patient', priority: 'high', status: 'open' });

    expect(await countRows('alerts', 'id', alert.id)).toBe(1);
    expect(await countRows('device_assignments', 'device_id', device.deviceId)).toBe(1);
    expect(await countRows('audit_log', 'patient_id', device.patientId)).toBeGreaterThan(0);
    expect(existsSync(join(platform.dataDir, 'rpm.sqlite'))).toBe(false);

    platform = await platform.restart();
    const again = await platform.admin.expect<{ alerts: Alert[] }>(200, 'GET', `/alerts?patientId=${device.patientId}&status=active`);
    expect(again.alerts.map((a) => a.id)).toContain(alert.id);
  });
});
