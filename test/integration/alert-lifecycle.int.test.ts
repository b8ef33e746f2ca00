import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import { deviceTopics, type Alert, type AlertEvent, type ServerToClientEvents, type User } from '@rpm/contracts';
import type { ApiClient } from '../harness/api-client.ts';
import { nextAlert } from '../harness/next-alert.ts';
import { eventually } from '../harness/eventually.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { provisionDevice, type ProvisionedDevice } from '../harness/provision.ts';

/**
 * The alert lifecycle through the real gateway: a reading raises an alert; unacknowledged it escalates nurse →
 * doctor → on-call; it can be assigned, snoozed and resolved with a note; every step is in its history and on the
 * team's sockets.
 */
describe('alert lifecycle', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let d: ProvisionedDevice;
  let nurse: ApiClient;
  let nurseUser: User;
  let socket: Socket<ServerToClientEvents>;
  const updates: Alert[] = [];

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url, { RPM_ESCALATE_HIGH_MS: '600', RPM_ALERT_SWEEP_INTERVAL_MS: '100' });
    d = await provisionDevice(platform.admin, 'Lifecycle', ['kidney_transplant']);
    nurseUser = await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.l',
      password: 'nurse-password-1',
      displayName: 'Nurse L',
      role: 'clinician',
      teamId: d.teamId,
    });
    nurse = await platform.admin.login('nurse.l', 'nurse-password-1');
    socket = io(platform.httpUrl, { auth: { token: nurse.token }, transports: ['websocket'] });
    socket.on('alert:updated', (a) => updates.push(a));
    socket.on('alert:resolved', (a) => updates.push(a));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  });

  afterAll(async () => {
    socket.disconnect();
    await platform.stop();
    await influx.stop();
  });

  async function publishSpo2(seq: number, value: number): Promise<void> {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${platform.mqttPort}`, {
      clientId: d.deviceId,
      username: d.deviceId,
      password: d.secret,
      reconnectPeriod: 0,
    });
    await client.publishAsync(
      deviceTopics.readings(d.deviceId),
      // two readings: the SpO2 rules confirm by re-measurement before they page (docs/clinical-rules.md)
      JSON.stringify({
        seq,
        readings: [
          { type: 'spo2', at: new Date(Date.now() - 1_000).toISOString(), unit: '%', value },
          { type: 'spo2', at: new Date().toISOString(), unit: '%', value },
        ],
      }),
      { qos: 1 },
    );
    await client.endAsync();
  }

  it(
    'escalates an unacknowledged high alert through every tier, then can be assigned, snoozed and resolved',
    { timeout: 30_000 },
    async () => {
      const raised = nextAlert(socket, 'alert:raised', (a) => a.ruleId === 'spo2_very_low');
      await publishSpo2(1, 87);
      const alert = await raised;
      expect(alert).toMatchObject({ priority: 'high', status: 'open', escalationTier: 1 });

      // not acknowledged: tier 2 (doctor), then tier 3 (on-call), and no further
      await eventually(
        () => (updates.some((u) => u.id === alert.id && u.escalationTier === 3) ? true : undefined),
        10_000,
        'escalation to on-call',
      );
      await new Promise((r) => setTimeout(r, 1000));
      expect(updates.filter((u) => u.id === alert.id).map((u) => u.escalationTier)).toEqual([2, 3]);

      const assigned = await nurse.expect<Alert>(200, 'POST', `/alerts/${alert.id}/assign`, { userId: nurseUser.id });
      expect(assigned).toMatchObject({ assignedTo: nurseUser.id, assignedToName: 'Nurse L' });
      const outsider = await platform.admin.expect<User>(201, 'POST', '/users', {
        username: 'not.in.team',
        password: 'outsider-password',
        displayName: 'Outsider',
        role: 'clinician',
      });
      expect((await nurse.request('POST', `/alerts/${alert.id}/assign`, { userId: outsider.id })).status).toBe(400);

      const snoozed = await nurse.expect<Alert>(200, 'POST', `/alerts/${alert.id}/snooze`, {
        minutes: 30,
        reason: 'called the patient, re-measuring',
      });
      expect(Date.parse(snoozed.snoozedUntil ?? '')).toBeGreaterThan(Date.now() + 29 * 60_000);

      const resolvedEvent = new Promise<Alert>((resolve) => socket.once('alert:resolved', resolve));
      const resolved = await nurse.expect<Alert>(200, 'POST', `/alerts/${alert.id}/resolve`, {
        note: 'Re-measured 95% on air; probe was loose.',
      });
      expect(resolved).toMatchObject({
        status: 'resolved',
        resolution: 'manual',
        resolvedByName: 'Nurse L',
        resolutionNote: 'Re-measured 95% on air; probe was loose.',
      });
      expect((await resolvedEvent).id).toBe(alert.id);
      expect((await nurse.request('POST', `/alerts/${alert.id}/acknowledge`)).status).toBe(409);

      const { events } = await nurse.expect<{ events: AlertEvent[] }>(200, 'GET', `/alerts/${alert.id}/events`);
      expect(events.map((e) => e.kind)).toEqual(['raised', 'escalated', 'escalated', 'assigned', 'snoozed', 'resolved']);
      expect(events.at(-1)).toMatchObject({ actorName: 'Nurse L', detail: 'Re-measured 95% on air; probe was loose.' });
    },
  );

  it('does not escalate an acknowledged alert', { timeout: 15_000 }, async () => {
    const raised = nextAlert(socket, 'alert:raised', (a) => a.ruleId === 'spo2_very_low');
    await publishSpo2(2, 86);
    const alert = await raised;
    const acked = await nurse.expect<Alert>(200, 'POST', `/alerts/${alert.id}/acknowledge`);
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedByName: 'Nurse L' });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await nurse.expect<{ alerts: Alert[] }>(200, 'GET', `/alerts?patientId=${d.patientId}`)).alerts[0]).toMatchObject({
      id: alert.id,
      escalationTier: 1,
    });
  });
});
