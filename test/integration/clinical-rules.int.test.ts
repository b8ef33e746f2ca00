import mqtt from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deviceTopics,
  type Alert,
  type CreateDeviceResponse,
  type News2Response,
  type Programmes,
  type ServerToClientEvents,
  type Threshold,
} from '@rpm/contracts';
import { eventually } from '../harness/eventually.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { nextAlert } from '../harness/next-alert.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { backdateRegistration } from '../harness/publish-readings.ts';

const HOUR = 3_600_000;

/**
 * The clinical rules through the real gateway (issue #4): programme enrolment decides the rules; a threshold with
 * hysteresis raises and auto-resolves; a clinician's override is applied and shown with who and why; NEWS2 is partial
 * until consciousness is recorded; a backlog gives one backfilled summary alert; device battery; and rule state
 * survives a restart.
 */
describe('clinical rules through the gateway', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let patientId: string;
  let device: CreateDeviceResponse;
  let socket: Socket<ServerToClientEvents>;
  let seq = 0;

  const publish = async (readings: object[], topic: 'readings' | 'status' = 'readings'): Promise<void> => {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${platform.mqttPort}`, {
      clientId: device.deviceId,
      username: device.deviceId,
      password: device.secret,
      reconnectPeriod: 0,
    });
    const body = topic === 'readings' ? { seq: ++seq, readings } : readings[0];
    await client.publishAsync(
      topic === 'readings' ? deviceTopics.readings(device.deviceId) : deviceTopics.status(device.deviceId),
      JSON.stringify(body),
      { qos: 1 },
    );
    await client.endAsync();
  };
  const reading = (type: string, unit: string, value: number, agoMs = 0) => ({
    type,
    unit,
    value,
    at: new Date(Date.now() - agoMs).toISOString(),
  });
  const openAlerts = async (): Promise<Alert[]> =>
    (await platform.admin.expect<{ alerts: Alert[] }>(200, 'GET', `/alerts?patientId=${patientId}`)).alerts;

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    const team = await platform.admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Transplant team' });
    ({ id: patientId } = await platform.admin.expect<{ id: string }>(201, 'POST', '/patients', {
      name: 'Kidney recipient',
      teamId: team.id,
      programs: ['kidney_transplant'],
    }));
    device = await platform.admin.expect<CreateDeviceResponse>(201, 'POST', `/patients/${patientId}/devices`, { model: 'hub' });
    // registered two days ago, so a store-and-forward backlog from hours ago is accepted
    await backdateRegistration(platform, device.deviceId, 48 * HOUR);
    socket = io(platform.httpUrl, { auth: { token: platform.admin.token }, transports: ['websocket'] });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  });

  afterAll(async () => {
    socket.disconnect();
    await platform.stop();
    await influx.stop();
  });

  it('enrols the patient in the programme given at creation, with its SpO2 target', async () => {
    const programmes = await platform.admin.expect<Programmes>(200, 'GET', `/patients/${patientId}/programs`);
    expect(programmes).toEqual({ programs: ['kidney_transplant'], spo2Target: '94-98', spo2TargetExplicit: false });
  });

  it('raises the programme’s fever alert at 37.8 °C and resolves it automatically once below 37.5 °C', async () => {
    const raised = nextAlert(socket, 'alert:raised', (a) => a.ruleId === 'fever');
    await publish([reading('body_temperature', 'Cel', 37.9)]);
    expect(await raised).toMatchObject({
      patientId,
      priority: 'medium',
      readingType: 'body_temperature',
      params: { value: 37.9, limit: 37.8 },
    });

    // 37.6 is below the limit but not below the clear condition (hysteresis): still open
    await publish([reading('body_temperature', 'Cel', 37.6)]);
    const resolved = nextAlert(socket, 'alert:resolved', (a) => a.ruleId === 'fever');
    await publish([reading('body_temperature', 'Cel', 37.1)]);
    expect(await resolved).toMatchObject({ status: 'resolved', resolution: 'auto' });
  });

  it('applies a clinician’s override and shows who set it and why', async () => {
    const { thresholds } = await platform.admin.expect<{ thresholds: Threshold[] }>(200, 'PUT', `/patients/${patientId}/thresholds`, {
      ruleId: 'fever',
      param: 'limit',
      value: 38.3,
      reason: 'Runs warm after the graft; agreed with the nephrologist',
    });
    expect(thresholds.find((t) => t.ruleId === 'fever' && t.param === 'limit')).toMatchObject({
      value: 38.3,
      defaultValue: 37.8,
      unit: 'Cel',
      overridden: true,
      override: { setByName: expect.any(String) as string, reason: 'Runs warm after the graft; agreed with the nephrologist' },
    });
    const invalid = await platform.admin.request('PUT', `/patients/${patientId}/thresholds`, {
      ruleId: 'fever',
      param: 'limit',
      value: 55,
      reason: 'typo',
    });
    expect(invalid.status).toBe(400);

    const raised = nextAlert(socket, 'alert:raised', (a) => a.ruleId === 'fever');
    await publish([reading('body_temperature', 'Cel', 38.0)]); // under the override: no alert
    await publish([reading('body_temperature', 'Cel', 38.4)]);
    expect((await raised).params).toMatchObject({ value: 38.4, limit: 38.3 });
    const { changes } = await platform.admin.expect<{ changes: { value: number | null }[] }>(
      200,
      'GET',
      `/patients/${patientId}/thresholds/history`,
    );
    expect(changes.map((c) => c.value)).toEqual([38.3]);
  });

  it('scores NEWS2 as partial until consciousness is recorded, on the SpO2 scale the prescription selects', async () => {
    await publish([
      reading('respiratory_rate', '/min', 22),
      reading('spo2', '%', 95),
      { type: 'blood_pressure', unit: 'mm[Hg]', systolic: 105, diastolic: 70, at: new Date().toISOString() },
      reading('heart_rate', '/min', 95),
      reading('body_temperature', 'Cel', 38.5),
    ]);
    const partial = await eventually(async () => {
      const n = await platform.admin.expect<News2Response>(200, 'GET', `/patients/${patientId}/news2`);
      return n.parameters.find((p) => p.name === 'respiratory_rate')?.value === 22 ? n : undefined;
    }, 10_000);
    expect(partial).toMatchObject({ partial: true, missing: ['consciousness'], scale: 1 });

    const full = await platform.admin.expect<News2Response>(201, 'POST', `/patients/${patientId}/observations`, {
      type: 'consciousness',
      value: 'A',
    });
    // RCP chart: RR 22 → 2, SpO2 95 % (scale 1) → 1, air → 0, SBP 105 → 1, pulse 95 → 1, alert → 0, 38.5 °C → 1
    expect(full).toMatchObject({ score: 6, risk: 'medium', partial: false, missing: [], scale: 1 });

    await platform.admin.expect(200, 'PUT', `/patients/${patientId}/programs`, {
      programs: ['kidney_transplant', 'copd'],
      spo2Target: '88-92',
    });
    const scale2 = await platform.admin.expect<News2Response>(200, 'GET', `/patients/${patientId}/news2`);
    // scale 2: 95 % on air scores 0
    expect(scale2).toMatchObject({ scale: 2, score: 5 });
  });

  it('turns an hours-old backlog of low SpO2 readings into one backfilled alert, closed by the newer normal reading', async () => {
    const raised = nextAlert(socket, 'alert:raised', (a) => a.ruleId === 'spo2_very_low');
    const resolved = nextAlert(socket, 'alert:resolved', (a) => a.ruleId === 'spo2_very_low');
    await publish(Array.from({ length: 30 }, (_, i) => reading('spo2', '%', 80, 3 * HOUR - i * 60_000)));
    const alert = await raised;
    expect(alert).toMatchObject({ backfilled: true, occurrences: 30, priority: 'high' });
    expect(alert.dataAgeMs).toBeGreaterThan(2 * HOUR);
    // the patient's SpO2 of minutes ago (95 %, previous test) is newer than the backlog: the episode is over, and
    // the alert stays in the record as what happened, never silently nothing
    expect(await resolved).toMatchObject({ id: alert.id, resolution: 'auto' });
    const all = (await platform.admin.expect<{ alerts: Alert[] }>(200, 'GET', `/alerts?patientId=${patientId}&status=all`)).alerts;
    expect(all.filter((a) => a.ruleId === 'spo2_very_low')).toHaveLength(1);
  });

  it('raises the one-day weight gain from morning weights uploaded together', async () => {
    // 07:00 in Almaty (UTC+5) on the last three mornings, as a scale that syncs once a day would upload them
    const DAY = 24 * HOUR;
    const todayMorning = Math.floor((Date.now() + 5 * HOUR) / DAY) * DAY + 7 * HOUR - 5 * HOUR;
    const lastMorning = todayMorning <= Date.now() - 60_000 ? todayMorning : todayMorning - DAY;
    const weight = (kg: number, at: number) => ({ type: 'body_weight', unit: 'kg', value: kg, at: new Date(at).toISOString() });
    const raised = nextAlert(socket, 'alert:raised', (a) => a.ruleId === 'weight_gain_1d');
    await publish([weight(70.1, lastMorning - 2 * DAY), weight(70.3, lastMorning - DAY), weight(71.4, lastMorning)]);
    const alert = await raised;
    expect(alert).toMatchObject({ priority: 'medium', readingType: 'body_weight', measuredAt: new Date(lastMorning).toISOString() });
    expect(alert.params['gainKg']).toBeCloseTo(1.1, 5);
  });

  it('raises a low-priority battery alert from the device’s status', async () => {
    const raised = nextAlert(socket, 'alert:raised', (a) => a.ruleId === 'device_battery_low');
    await publish([{ battery: 12 }], 'status');
    expect(await raised).toMatchObject({ priority: 'low', readingType: 'device', deviceId: device.deviceId });
  });

  it('keeps rule state across a restart: the open fever alert is updated, then cleared, not raised again', async () => {
    const before = (await openAlerts()).find((a) => a.ruleId === 'fever');
    expect(before).toBeDefined();
    socket.disconnect();
    platform = await platform.restart();
    socket = io(platform.httpUrl, { auth: { token: platform.admin.token }, transports: ['websocket'] });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));

    const resolved = nextAlert(socket, 'alert:resolved', (a) => a.ruleId === 'fever');
    await publish([reading('body_temperature', 'Cel', 36.8)]);
    expect((await resolved).id).toBe(before?.id);
    const all = (await platform.admin.expect<{ alerts: Alert[] }>(200, 'GET', `/alerts?patientId=${patientId}&status=all`)).alerts;
    expect(all.filter((a) => a.ruleId === 'fever')).toHaveLength(2); // the first episode and this one, nothing more
  });
});
