import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import { deviceTopics, type Alert, type CreateDeviceResponse, type ServerToClientEvents, type VitalsResponse } from '@rpm/contracts';
import type { ApiClient } from '../harness/api-client.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { eventually } from '../harness/eventually.ts';
import { nextAlert } from '../harness/next-alert.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';

/**
 * The foundation's promise: one reading from a home device travels the whole path — MQTT gateway → InfluxDB →
 * rules → persisted alert → socket.io — on real components (influxd 1.6.7, aedes, mqtt.js, socket.io client).
 */
describe('one reading, end to end', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let nurse: ApiClient;
  let outsider: ApiClient;
  let patientId: string;
  let device: CreateDeviceResponse;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    const { admin } = platform;
    const team = await admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Kidney transplant team' });
    const otherTeam = await admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Cardiology team' });
    await admin.expect(201, 'POST', '/users', {
      username: 'nurse.a',
      password: 'nurse-password-1',
      displayName: 'Nurse A',
      role: 'clinician',
      teamId: team.id,
    });
    await admin.expect(201, 'POST', '/users', {
      username: 'nurse.b',
      password: 'nurse-password-2',
      displayName: 'Nurse B',
      role: 'clinician',
      teamId: otherTeam.id,
    });
    nurse = await admin.login('nurse.a', 'nurse-password-1');
    outsider = await admin.login('nurse.b', 'nurse-password-2');
    patientId = (await nurse.expect<{ id: string }>(201, 'POST', '/patients', { name: 'Айгүл Серікқызы', programs: ['heart_transplant'] }))
      .id;
    device = await nurse.expect<CreateDeviceResponse>(201, 'POST', `/patients/${patientId}/devices`, { model: 'Oximeter X1' });
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await platform.stop();
    await influx.stop();
  });

  function connectSocket(token: string | undefined): Promise<Socket<ServerToClientEvents>> {
    const socket: Socket<ServerToClientEvents> = io(platform.httpUrl, { auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  function connectDevice(id: string, secret: string): Promise<mqtt.MqttClient> {
    return mqtt.connectAsync(`mqtt://127.0.0.1:${platform.mqttPort}`, {
      clientId: id,
      username: id,
      password: secret,
      clean: false,
      reconnectPeriod: 0,
      protocolVersion: 4,
    });
  }

  it('is ready: broker, InfluxDB and database reachable', async () => {
    const res = await fetch(`${platform.httpUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { broker: true, influx: true, spool: true, database: true } });
  });

  it('stores the reading, raises a persisted alert and pushes it only to the patient’s team', async () => {
    const teamSocket = await connectSocket(nurse.token);
    const outsiderSocket = await connectSocket(outsider.token);
    const outsiderAlerts: Alert[] = [];
    outsiderSocket.on('alert:raised', (a) => outsiderAlerts.push(a));
    const raised = nextAlert(teamSocket, 'alert:raised', (a) => a.ruleId === 'spo2_very_low');

    const client = await connectDevice(device.deviceId, device.secret);
    // a measurement taken a moment ago, in Almaty local time with its offset, as a device would stamp it
    const almaty = (ms: number): string => new Date(ms + 5 * 3600_000).toISOString().replace('Z', '+05:00');
    const at = almaty(Date.now() - 2_000);
    // the oximeter re-measures before the platform pages anyone: two low readings confirm (docs/clinical-rules.md)
    const first = almaty(Date.now() - 32_000);
    const payload = JSON.stringify({
      seq: 1,
      readings: [
        { type: 'spo2', at: first, unit: '%', value: 89 },
        { type: 'spo2', at, unit: '%', value: 88 },
        { type: 'heart_rate', at, unit: '/min', value: 104 },
      ],
    });
    // publishAsync resolves on PUBACK: the gateway acknowledges only after the reading is stored
    await client.publishAsync(deviceTopics.readings(device.deviceId), payload, { qos: 1 });
    await client.endAsync();

    const alert = await raised;
    expect(alert).toMatchObject({
      patientId,
      patientName: 'Айгүл Серікқызы',
      ruleId: 'spo2_very_low',
      priority: 'high',
      status: 'open',
      readingType: 'spo2',
      params: { value: 88, limit: 91 },
      measuredAt: new Date(Date.parse(at)).toISOString(),
      backfilled: false,
      occurrences: 2,
    });

    // in InfluxDB, queried directly
    const q = new URL('/query', influx.url);
    q.searchParams.set('db', 'rpm');
    q.searchParams.set('epoch', 'ms');
    q.searchParams.set('q', `SELECT value, device_id FROM vitals WHERE type = 'spo2' AND patient_id = '${patientId}'`);
    // the rules see a reading once it is in the spool; InfluxDB has it once the drainer's write is confirmed
    const values = await eventually(async () => {
      const raw = (await (await fetch(q)).json()) as { results: { series?: { values: [number, number, string][] }[] }[] };
      const v = raw.results[0]?.series?.[0]?.values;
      return v !== undefined && v.length === 2 ? v : undefined;
    }, 10_000);
    expect(values).toEqual([
      [Date.parse(first), 89, device.deviceId],
      [Date.parse(at), 88, device.deviceId],
    ]);

    // through the vitals API
    const vitals = await nurse.expect<VitalsResponse>(200, 'GET', `/patients/${patientId}/vitals?type=spo2`);
    expect(vitals.readings).toMatchObject([
      { type: 'spo2', value: 89, unit: '%', deviceId: device.deviceId, at: new Date(Date.parse(first)).toISOString() },
      { type: 'spo2', value: 88, unit: '%', deviceId: device.deviceId, at: new Date(Date.parse(at)).toISOString() },
    ]);
    const all = await nurse.expect<VitalsResponse>(200, 'GET', `/patients/${patientId}/vitals`);
    expect(all.readings.map((r) => r.type).sort()).toEqual(['heart_rate', 'spo2', 'spo2']);

    // persisted: the REST list has it
    const open = await nurse.expect<{ alerts: Alert[] }>(200, 'GET', '/alerts');
    expect(open.alerts.map((a) => a.id)).toEqual([alert.id]);

    // the other team saw nothing and cannot read the patient
    await new Promise((r) => setTimeout(r, 300));
    expect(outsiderAlerts).toEqual([]);
    expect((await outsider.request('GET', `/patients/${patientId}/vitals`)).status).toBe(404);
    expect((await outsider.expect<{ alerts: Alert[] }>(200, 'GET', '/alerts')).alerts).toEqual([]);
  });

  it('updates the open alert instead of raising another, and acknowledges it', async () => {
    const teamSocket = await connectSocket(nurse.token);
    const updated = nextAlert(teamSocket, 'alert:updated', (a) => a.ruleId === 'spo2_very_low');
    const client = await connectDevice(device.deviceId, device.secret);
    await client.publishAsync(
      deviceTopics.readings(device.deviceId),
      JSON.stringify({ seq: 2, readings: [{ type: 'spo2', at: new Date().toISOString(), unit: '%', value: 86 }] }),
      { qos: 1 },
    );
    await client.endAsync();
    const alert = await updated;
    expect(alert).toMatchObject({ occurrences: 3, params: { value: 86, limit: 91 }, status: 'open' });

    const acked = await nurse.expect<Alert>(200, 'POST', `/alerts/${alert.id}/acknowledge`);
    expect(acked.status).toBe('acknowledged');
    expect(acked.acknowledgedBy).not.toBeNull();
  });

  it('refuses devices with a wrong secret or a foreign client id', async () => {
    await expect(connectDevice(device.deviceId, 'wrong-secret')).rejects.toThrow(/Bad username or password|Not authorized/i);
    const hijack = mqtt.connectAsync(`mqtt://127.0.0.1:${platform.mqttPort}`, {
      clientId: 'dev-someoneelse',
      username: device.deviceId,
      password: device.secret,
      reconnectPeriod: 0,
    });
    await expect(hijack).rejects.toThrow();
  });

  it('refuses a socket without a valid session', async () => {
    await expect(connectSocket('not-a-token')).rejects.toThrow(/unauthorized/);
  });
});
