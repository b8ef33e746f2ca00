import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceTopics, type CreateDeviceResponse, type ServerToClientEvents, type User } from '@rpm/contracts';
import { Platform, parsePlatformConfig } from '@rpm/server';
import { createPlatformLogger } from '../../server/src/platform/platform-logger.ts';
import { ApiClient } from '../harness/api-client.ts';
import { eventually } from '../harness/eventually.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';

const ADMIN_PASSWORD = 'admin-password-in-logs-test';
const NURSE_PASSWORD = 'nurse-password-in-logs-test';
const WRONG_PASSWORD = 'wrong-password-Qx81';
const WRONG_DEVICE_SECRET = 'wrong-device-secret-Zr55';
const PATIENT_NAME = 'Saule Unlogged-Kx3';

/**
 * ARCHITECTURE §5: secrets and patient identifiers stay out of the logs. The platform runs with its production logger
 * (createPlatformLogger, the one main.ts uses) at level debug, written to a buffer, while the things that carry
 * secrets and identifiers happen: a device connects with a wrong secret and then publishes, a user fails to log in
 * and then logs in, a socket opens, a patient is created. None of them may appear in the log; device ids may, by
 * the decision in docs/security.md ("Logs").
 */
describe('security: what the logs keep out', () => {
  let influx: TestInfluxd;
  let dataDir: string;
  let platform: Platform;
  let httpUrl: string;
  let mqttPort: number;
  const lines: string[] = [];
  /** every value that must never reach the log */
  const secrets = new Map<string, string>([
    ['admin password', ADMIN_PASSWORD],
    ['nurse password', NURSE_PASSWORD],
    ['wrong password', WRONG_PASSWORD],
    ['wrong device secret', WRONG_DEVICE_SECRET],
    ['patient name', PATIENT_NAME],
  ]);
  let device: CreateDeviceResponse;
  let patientId: string;

  beforeAll(async () => {
    influx = await startInfluxd();
    dataDir = await mkdtemp(join(tmpdir(), 'rpm-logs-'));
    const config = parsePlatformConfig(
      {
        RPM_HTTP_PORT: '0',
        RPM_MQTT_PORT: '0',
        RPM_DATA_DIR: dataDir,
        RPM_INFLUX_URL: influx.url,
        RPM_ADMIN_PASSWORD: ADMIN_PASSWORD,
        RPM_SIM_DEVICES: '0',
      },
      { dashboardDir: join(dataDir, 'no-dashboard') },
    );
    const log = createPlatformLogger('debug', { write: (line: string) => void lines.push(line) });
    platform = new Platform(config, log);
    const started = await platform.start();
    httpUrl = started.addresses.httpUrl;
    mqttPort = Number(new URL(started.addresses.mqttUrl).port);
  });

  afterAll(async () => {
    await platform.close();
    await rm(dataDir, { recursive: true, force: true });
    await influx.stop();
  });

  const connectDevice = (password: string): Promise<mqtt.MqttClient> =>
    mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
      clientId: device.deviceId,
      username: device.deviceId,
      password,
      reconnectPeriod: 0,
    });

  const remember = (what: string, token: string | undefined): void => {
    if (token === undefined) throw new Error(`no ${what}`);
    secrets.set(what, token);
    // the database's session id is the token's SHA-256
    secrets.set(`${what} session id`, createHash('sha256').update(token).digest('hex'));
  };

  it('runs the scenario that handles secrets and identifiers', async () => {
    const anonymous = new ApiClient(httpUrl);
    // a wrong password, then the right one
    expect((await anonymous.request('POST', '/auth/login', { username: 'admin', password: WRONG_PASSWORD })).status).toBe(401);
    const admin = await anonymous.login('admin', ADMIN_PASSWORD);
    remember('admin token', admin.token);

    const team = await admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Logs ward' });
    ({ id: patientId } = await admin.expect<{ id: string }>(201, 'POST', '/patients', {
      name: PATIENT_NAME,
      teamId: team.id,
      programs: ['kidney_transplant'],
    }));
    secrets.set('patient id', patientId);
    device = await admin.expect<CreateDeviceResponse>(201, 'POST', `/patients/${patientId}/devices`, { model: 'oracle' });
    secrets.set('device secret', device.secret);

    await admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.logs',
      password: NURSE_PASSWORD,
      displayName: 'Nurse Logs',
      role: 'clinician',
      teamId: team.id,
    });
    const nurse = await anonymous.login('nurse.logs', NURSE_PASSWORD);
    remember('nurse token', nurse.token);
    const socket: Socket<ServerToClientEvents> = io(httpUrl, {
      auth: { token: nurse.token },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });

    // the device: refused with a wrong secret, then connects and publishes a reading that raises an alert
    await expect(connectDevice(WRONG_DEVICE_SECRET)).rejects.toThrow(/Bad username or password/);
    const client = await connectDevice(device.secret);
    await client.publishAsync(
      deviceTopics.readings(device.deviceId),
      JSON.stringify({ seq: 1, readings: [{ type: 'body_temperature', unit: 'Cel', value: 38.4, at: new Date().toISOString() }] }),
      { qos: 1 },
    );
    // and a malformed one, which is refused and quarantined
    await client.publishAsync(deviceTopics.readings(device.deviceId), '{"seq": 2, "readings": [', { qos: 1 });
    await client.endAsync();
    await eventually(async () => {
      const { alerts } = await nurse.expect<{ alerts: unknown[] }>(200, 'GET', '/alerts');
      return alerts.length > 0 ? alerts : undefined;
    }, 15_000);
    await nurse.expect(200, 'GET', `/patients/${patientId}`);

    socket.disconnect();
    await nurse.expect(204, 'POST', '/auth/logout');
  });

  it('logged something at debug, as JSON lines (so the checks below are not vacuous)', () => {
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('holds no password, device secret, bearer token, session id, patient name or patient id', () => {
    const log = lines.join('');
    for (const [what, value] of secrets) expect(log.includes(value), `${what} in the log`).toBe(false);
  });

  it('names the refused device by its id, which docs/security.md keeps in the logs for operations', () => {
    const refusal = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => String(l['msg']).startsWith('device refused'));
    expect(refusal).toMatchObject({ deviceId: device.deviceId, level: 40 });
  });

  it('redacts the sensitive keys wherever code logs them, one level down included', () => {
    const buffer: string[] = [];
    const log = createPlatformLogger('debug', { write: (line: string) => void buffer.push(line) });
    log.info(
      {
        password: 'p1',
        secret: 's1',
        token: 't1',
        authorization: 'Bearer a1',
        sessionId: 'sid1',
        patientId: 'pid1',
        patientName: 'pn1',
        device: { secret: 's2', patientId: 'pid2' },
        req: { headers: { authorization: 'Bearer a2', cookie: 'c2' } },
        deviceId: 'dev-kept',
      },
      'redaction check',
    );
    const logged = buffer.join('');
    for (const value of ['p1', 's1', 't1', 'a1', 'sid1', 'pid1', 'pn1', 's2', 'pid2', 'a2', 'c2']) {
      expect(logged, value).not.toContain(`${value}"`);
    }
    expect(logged).toContain('"deviceId":"dev-kept"');
    expect(logged).toContain('[redacted]');
  });
});
