import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import {
  deviceTopics,
  type CreateDeviceResponse,
  type Device,
  type DeviceDetail,
  type QuarantineEntry,
  type User,
  type VitalsResponse,
} from '@rpm/contracts';
import type { ApiClient } from '../harness/api-client.ts';
import { eventually } from '../harness/eventually.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { provisionDevice, type ProvisionedDevice } from '../harness/provision.ts';

/**
 * The device lifecycle through the real gateway: a rotated secret is refused at once (even though the gateway had
 * just verified and cached it), a deactivated device cannot connect, a reassigned device's readings go to the new
 * patient while those already stored stay with the old one, and a clinician of another team can do none of it.
 */
describe('device lifecycle', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let d: ProvisionedDevice;
  let secret: string;
  let secondPatientId: string;
  let nurse: ApiClient;
  let outsider: ApiClient;
  let outsiderUser: User;

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    d = await provisionDevice(platform.admin, 'First wearer');
    secret = d.secret;
    ({ id: secondPatientId } = await platform.admin.expect<{ id: string }>(201, 'POST', '/patients', {
      name: 'Second wearer',
      teamId: d.teamId,
    }));
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.dl',
      password: 'nurse-password-1',
      displayName: 'Nurse DL',
      role: 'clinician',
      teamId: d.teamId,
    });
    nurse = await platform.admin.login('nurse.dl', 'nurse-password-1');
    const otherTeam = await platform.admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Other ward' });
    outsiderUser = await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'other.ward',
      password: 'outsider-password',
      displayName: 'Other Ward',
      role: 'clinician',
      teamId: otherTeam.id,
    });
    outsider = await platform.admin.login('other.ward', 'outsider-password');
  });

  afterAll(async () => {
    await platform.stop();
    await influx.stop();
  });

  function connect(deviceId: string, password: string): Promise<mqtt.MqttClient> {
    return mqtt.connectAsync(`mqtt://127.0.0.1:${platform.mqttPort}`, {
      clientId: deviceId,
      username: deviceId,
      password,
      reconnectPeriod: 0,
      connectTimeout: 3000,
    });
  }

  async function publishHeartRate(client: mqtt.MqttClient, seq: number, value: number, at = Date.now()): Promise<void> {
    await client.publishAsync(
      deviceTopics.readings(d.deviceId),
      JSON.stringify({ seq, readings: [{ type: 'heart_rate', at: new Date(at).toISOString(), unit: '/min', value }] }),
      { qos: 1 },
    );
  }

  async function heartRates(patientId: string): Promise<number[]> {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const res = await nurse.expect<VitalsResponse>(200, 'GET', `/patients/${patientId}/vitals?type=heart_rate&from=${from}`);
    return res.readings.map((r) => r.value ?? NaN);
  }

  it('rotate: the live connection is closed and the old secret refused, even just after it was verified; the new one works', async () => {
    // a first connect makes the gateway verify and remember the secret
    const before = await connect(d.deviceId, secret);
    await before.endAsync();
    // a device still connected with the old secret loses its connection at the rotation
    const live = await connect(d.deviceId, secret);
    const closed = new Promise<void>((resolve) => live.once('close', () => resolve()));

    const rotated = await nurse.expect<CreateDeviceResponse>(200, 'POST', `/devices/${d.deviceId}/rotate-secret`);
    await closed;
    live.end(true);
    expect(rotated.deviceId).toBe(d.deviceId);
    expect(rotated.secret).not.toBe(secret);

    await expect(connect(d.deviceId, secret)).rejects.toThrow(/Bad username or password/);
    const after = await connect(d.deviceId, rotated.secret);
    await after.endAsync();
    secret = rotated.secret;

    const detail = await nurse.expect<DeviceDetail>(200, 'GET', `/devices/${d.deviceId}`);
    expect(detail.secretRotatedAt).not.toBeNull();
    // the secret is shown once: never in the device, never its hash
    expect(JSON.stringify(detail)).not.toMatch(new RegExp(`${secret}|argon2`));
  });

  it('reassign: readings before stay with the first patient, readings after go to the second; bindings are listed', async () => {
    const client = await connect(d.deviceId, secret);
    await publishHeartRate(client, 1, 61);
    await eventually(async () => ((await heartRates(d.patientId)).includes(61) ? true : undefined), 15_000, 'reading before');
    await client.endAsync();
    const measuredBefore = Date.now() - 10 * 60_000;

    const reassigned = await nurse.expect<DeviceDetail>(200, 'POST', `/devices/${d.deviceId}/reassign`, {
      patientId: secondPatientId,
      reason: 'handed over after cleaning',
    });
    expect(reassigned).toMatchObject({ patientId: secondPatientId, active: true });

    // the device reconnects and is now the second patient's; its credentials did not change
    const again = await connect(d.deviceId, secret);
    await publishHeartRate(again, 2, 72);
    // a buffered reading measured before the reassignment would be the first patient's: refused, not misfiled
    await publishHeartRate(again, 3, 99, measuredBefore);
    await again.endAsync();

    await eventually(async () => ((await heartRates(secondPatientId)).includes(72) ? true : undefined), 15_000, 'reading after');
    expect(await heartRates(secondPatientId)).toEqual([72]);
    expect(await heartRates(d.patientId)).toEqual([61]);
    const quarantine = await platform.admin.expect<{ entries: QuarantineEntry[] }>(200, 'GET', '/quarantine?limit=5');
    expect(quarantine.entries.find((e) => e.deviceId === d.deviceId && e.seq === 3)).toMatchObject({
      reason: 'TIME_BEFORE_REGISTRATION',
    });

    const { assignments } = await nurse.expect<DeviceDetail>(200, 'GET', `/devices/${d.deviceId}`);
    expect(assignments).toHaveLength(2);
    // registered by the admin who provisioned it
    expect(assignments[0]).toMatchObject({ patientId: d.patientId, reason: 'registered', assignedByName: 'Administrator' });
    expect(assignments[0]?.to).not.toBeNull();
    expect(assignments[1]).toMatchObject({
      patientId: secondPatientId,
      from: assignments[0]?.to,
      to: null,
      assignedByName: 'Nurse DL',
      reason: 'handed over after cleaning',
    });
    expect(
      (await nurse.request('POST', `/devices/${d.deviceId}/reassign`, { patientId: secondPatientId, reason: 'again' })).body,
    ).toMatchObject({ code: 'API_DEVICE_SAME_PATIENT' });
  });

  it('a clinician of another team can neither see nor change the device, and every attempt is audited as denied', async () => {
    const attempts: [string, string, unknown][] = [
      ['GET', `/devices/${d.deviceId}`, undefined],
      ['POST', `/devices/${d.deviceId}/rotate-secret`, undefined],
      ['POST', `/devices/${d.deviceId}/deactivate`, { reason: 'not mine' }],
      ['POST', `/devices/${d.deviceId}/reassign`, { patientId: d.patientId, reason: 'not mine' }],
      ['POST', '/devices/dev-doesnotexist/rotate-secret', undefined],
    ];
    for (const [method, path, body] of attempts) {
      const res = await outsider.request(method, path, body);
      expect(res, `${method} ${path}`).toMatchObject({ status: 404, body: { code: 'API_DEVICE_NOT_FOUND' } });
    }
    const denied = await platform.platform.httpServer?.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'patient_id'])
      .where('actor_id', '=', outsiderUser.id)
      .where('outcome', '=', 'denied')
      .orderBy('id')
      .execute();
    expect(denied?.map((r) => r.action)).toEqual([
      'device.read',
      'device.rotate_secret',
      'device.deactivate',
      'device.reassign',
      'device.rotate_secret',
    ]);

    // nothing changed: the same secret still connects, for the same patient
    const client = await connect(d.deviceId, secret);
    await client.endAsync();
    expect((await nurse.expect<DeviceDetail>(200, 'GET', `/devices/${d.deviceId}`)).patientId).toBe(secondPatientId);
  });

  it('deactivate: the device cannot connect, shows inactive, and its stored readings stay', async () => {
    const deactivated = await nurse.expect<DeviceDetail>(200, 'POST', `/devices/${d.deviceId}/deactivate`, {
      reason: 'reported lost',
    });
    expect(deactivated).toMatchObject({ active: false, deactivationReason: 'reported lost' });
    expect(deactivated.assignments.at(-1)?.to).not.toBeNull();

    await expect(connect(d.deviceId, secret)).rejects.toThrow(/Bad username or password/);
    const { devices } = await nurse.expect<{ devices: Device[] }>(200, 'GET', `/patients/${secondPatientId}/devices`);
    expect(devices).toMatchObject([{ deviceId: d.deviceId, active: false }]);
    expect(await heartRates(secondPatientId)).toEqual([72]);
    expect(await heartRates(d.patientId)).toEqual([61]);

    for (const [path, body] of [
      [`/devices/${d.deviceId}/rotate-secret`, undefined],
      [`/devices/${d.deviceId}/reassign`, { patientId: d.patientId, reason: 'found again' }],
      [`/devices/${d.deviceId}/deactivate`, { reason: 'twice' }],
    ] as const) {
      expect((await nurse.request('POST', path, body)).body, path).toMatchObject({ code: 'API_DEVICE_INACTIVE' });
    }
  });
});
