import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deviceTopics,
  type ApiError,
  type CreateDeviceResponse,
  type DeviceDetail,
  type QuarantineEntry,
  type User,
  type VitalsResponse,
} from '@rpm/contracts';
import type { ApiClient } from '../harness/api-client.ts';
import { eventually } from '../harness/eventually.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';

const DAY = 86_400_000;
const daysAgo = (days: number): string => new Date(Date.now() - days * DAY).toISOString();

/**
 * A device registered as of an earlier time (issue #7: backdated cohorts; also importing a device that recorded at
 * home before enrolment): only an admin may do it, at most 30 days back; the gateway then accepts readings measured
 * since that time, and still refuses older ones.
 */
describe('backdated device registration', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let patientId: string;
  let nurse: ApiClient;

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    const team = await platform.admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Home import team' });
    ({ id: patientId } = await platform.admin.expect<{ id: string }>(201, 'POST', '/patients', { name: 'Imported', teamId: team.id }));
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.bd',
      password: 'nurse-password-1',
      displayName: 'Nurse BD',
      role: 'clinician',
      teamId: team.id,
    });
    nurse = await platform.admin.login('nurse.bd', 'nurse-password-1');
  });

  afterAll(async () => {
    await platform.stop();
    await influx.stop();
  });

  async function publishHeartRate(device: CreateDeviceResponse, seq: number, value: number, at: string): Promise<void> {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${platform.mqttPort}`, {
      clientId: device.deviceId,
      username: device.deviceId,
      password: device.secret,
      reconnectPeriod: 0,
      connectTimeout: 3000,
    });
    await client.publishAsync(
      deviceTopics.readings(device.deviceId),
      JSON.stringify({ seq, readings: [{ type: 'heart_rate', at, unit: '/min', value }] }),
      { qos: 1 },
    );
    await client.endAsync();
  }

  async function heartRates(): Promise<number[]> {
    const from = daysAgo(5);
    const res = await nurse.expect<VitalsResponse>(200, 'GET', `/patients/${patientId}/vitals?type=heart_rate&from=${from}`);
    return res.readings.map((r) => r.value ?? NaN);
  }

  it('an admin backdates 3 days: a reading measured 2 days ago is accepted, one from 4 days ago is not', async () => {
    const registeredAt = daysAgo(3);
    const device = await platform.admin.expect<CreateDeviceResponse>(201, 'POST', `/patients/${patientId}/devices`, {
      model: 'home hub',
      registeredAt,
    });

    const detail = await platform.admin.expect<DeviceDetail>(200, 'GET', `/devices/${device.deviceId}`);
    expect(Date.parse(detail.registeredAt)).toBe(Date.parse(registeredAt));
    // the first binding starts at the registration, not at the request
    expect(detail.assignments).toHaveLength(1);
    expect(Date.parse(detail.assignments[0]?.from ?? '')).toBe(Date.parse(registeredAt));

    await publishHeartRate(device, 1, 64, daysAgo(2));
    await eventually(async () => ((await heartRates()).includes(64) ? true : undefined), 15_000, 'the reading from 2 days ago');

    await publishHeartRate(device, 2, 99, daysAgo(4));
    const entry = await eventually(async () => {
      const { entries } = await platform.admin.expect<{ entries: QuarantineEntry[] }>(200, 'GET', '/quarantine?limit=20');
      return entries.find((e) => e.deviceId === device.deviceId && e.seq === 2);
    }, 15_000);
    expect(entry.reason).toBe('TIME_BEFORE_REGISTRATION');
    expect(await heartRates()).not.toContain(99);

    const audit = await platform.platform.httpServer?.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'detail', 'patient_id'])
      .where('action', '=', 'device.backdate')
      .where('outcome', '=', 'allowed')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit?.[0]?.patient_id).toBe(patientId);
    expect(audit?.[0]?.detail).toContain(device.deviceId);
    expect(audit?.[0]?.detail).toContain(new Date(Date.parse(registeredAt)).toISOString());
  });

  it('refuses a clinician’s backdate with 403, saying only an administrator may, and registers nothing', async () => {
    const before = (await nurse.expect<{ devices: unknown[] }>(200, 'GET', `/patients/${patientId}/devices`)).devices.length;
    const res = await nurse.request('POST', `/patients/${patientId}/devices`, { registeredAt: daysAgo(1) });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'API_FORBIDDEN' });
    expect((res.body as ApiError).message).toMatch(/only an administrator/i);
    expect((await nurse.expect<{ devices: unknown[] }>(200, 'GET', `/patients/${patientId}/devices`)).devices).toHaveLength(before);
    // the same clinician may register a device now
    await nurse.expect<CreateDeviceResponse>(201, 'POST', `/patients/${patientId}/devices`, { model: 'cuff' });

    const denied = await platform.platform.httpServer?.ctx.db
      .selectFrom('audit_log')
      .select('outcome')
      .where('action', '=', 'device.backdate')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toHaveLength(1);
  });

  it.each([
    { what: '40 days back', registeredAt: () => daysAgo(40) },
    { what: 'in the future', registeredAt: () => new Date(Date.now() + 3_600_000).toISOString() },
    { what: 'without an offset', registeredAt: () => daysAgo(1).replace('Z', '') },
  ])('refuses an admin’s registration time $what with 400', async ({ registeredAt }) => {
    const res = await platform.admin.request('POST', `/patients/${patientId}/devices`, { registeredAt: registeredAt() });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'API_VALIDATION_FAILED' });
  });
});
