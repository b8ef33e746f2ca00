import mqtt from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceTopics, type Alert, type ServerToClientEvents, type User } from '@rpm/contracts';
import type { ApiClient } from '../harness/api-client.ts';
import { nextAlert } from '../harness/next-alert.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { provisionDevice, type ProvisionedDevice } from '../harness/provision.ts';

/**
 * A clinician removed from a care team (DELETE /teams/{teamId}/members/{userId}) loses the team at once: their live
 * socket leaves the team's room, so its next alert does not reach them, and REST answers 404 for the team's patients,
 * audited as denied. A colleague who stays keeps receiving.
 */
describe('security: a care-team membership that ends', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let d: ProvisionedDevice;
  let leaver: ApiClient;
  let leaverUser: User;
  let stayer: ApiClient;
  let leaverSocket: Socket<ServerToClientEvents>;
  let stayerSocket: Socket<ServerToClientEvents>;
  let seq = 0;

  const connectSocket = (token: string | undefined): Promise<Socket<ServerToClientEvents>> => {
    const socket: Socket<ServerToClientEvents> = io(platform.httpUrl, { auth: { token }, transports: ['websocket'], reconnection: false });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  };

  async function publish(readings: readonly { type: string; unit: string; value: number; secondsAgo: number }[]): Promise<void> {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${platform.mqttPort}`, {
      clientId: d.deviceId,
      username: d.deviceId,
      password: d.secret,
      reconnectPeriod: 0,
    });
    const payload = readings.map(({ secondsAgo, ...r }) => ({ ...r, at: new Date(Date.now() - secondsAgo * 1000).toISOString() }));
    await client.publishAsync(deviceTopics.readings(d.deviceId), JSON.stringify({ seq: ++seq, readings: payload }), { qos: 1 });
    await client.endAsync();
  }

  const auditRows = (actorId: string, action: string) =>
    platform.platform.httpServer?.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'patient_id', 'detail'])
      .where('actor_id', '=', actorId)
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    d = await provisionDevice(platform.admin, 'Membership patient', ['kidney_transplant']);
    for (const username of ['nurse.leaves', 'nurse.stays']) {
      await platform.admin.expect<User>(201, 'POST', '/users', {
        username,
        password: `${username}-password`,
        displayName: username,
        role: 'clinician',
        teamId: d.teamId,
      });
    }
    leaver = await platform.admin.login('nurse.leaves', 'nurse.leaves-password');
    leaverUser = await leaver.expect<User>(200, 'GET', '/me');
    stayer = await platform.admin.login('nurse.stays', 'nurse.stays-password');
    leaverSocket = await connectSocket(leaver.token);
    stayerSocket = await connectSocket(stayer.token);
  });

  afterAll(async () => {
    leaverSocket.disconnect();
    stayerSocket.disconnect();
    await platform.stop();
    await influx.stop();
  });

  it('while a member, the clinician sees the patient and receives the team’s alerts', async () => {
    expect((await leaver.request('GET', `/patients/${d.patientId}`)).status).toBe(200);
    const toLeaver = nextAlert(leaverSocket, 'alert:raised', (a) => a.ruleId === 'fever');
    const toStayer = nextAlert(stayerSocket, 'alert:raised', (a) => a.ruleId === 'fever');
    // 38.4 °C: above the kidney-transplant fever limit (37.8)
    await publish([{ type: 'body_temperature', unit: 'Cel', value: 38.4, secondsAgo: 1 }]);
    expect((await toLeaver).patientId).toBe(d.patientId);
    expect((await toStayer).patientId).toBe(d.patientId);
  });

  it('only an admin may end a membership; an unknown team is 404', async () => {
    const res = await stayer.request('DELETE', `/teams/${d.teamId}/members/${leaverUser.id}`);
    expect(res).toMatchObject({ status: 403, body: { code: 'API_FORBIDDEN' } });
    const unknown = await platform.admin.request('DELETE', `/teams/00000000-0000-4000-8000-000000000000/members/${leaverUser.id}`);
    expect(unknown).toMatchObject({ status: 404, body: { code: 'API_TEAM_NOT_FOUND' } });
    expect((await platform.admin.request('DELETE', `/teams/${d.teamId}/members/not-a-uuid`)).status).toBe(400);
  });

  it('once removed, the open socket receives none of the team’s alerts, while a colleague still does', async () => {
    const afterRemoval: Alert[] = [];
    const collect = (a: Alert): void => void afterRemoval.push(a);
    leaverSocket.on('alert:raised', collect);
    leaverSocket.on('alert:updated', collect);
    leaverSocket.on('alert:resolved', collect);

    await platform.admin.expect(204, 'DELETE', `/teams/${d.teamId}/members/${leaverUser.id}`);

    const toStayer = nextAlert(stayerSocket, 'alert:raised', (a) => a.ruleId === 'spo2_very_low');
    // the oximeter re-measures before the platform pages anyone: two low readings confirm (docs/clinical-rules.md)
    await publish([
      { type: 'spo2', unit: '%', value: 89, secondsAgo: 31 },
      { type: 'spo2', unit: '%', value: 88, secondsAgo: 1 },
    ]);
    expect((await toStayer).patientId).toBe(d.patientId);
    // an emit to the room reaches every member in the same tick; allow the leaver's socket a moment anyway
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(afterRemoval).toEqual([]);
    // the socket itself stays: the session is still live, only the team is gone
    expect(leaverSocket.connected).toBe(true);
  });

  it('REST then answers 404 for the team’s patient, its alerts are not listed, and the denial is audited', async () => {
    expect(await leaver.request('GET', `/patients/${d.patientId}`)).toMatchObject({
      status: 404,
      body: { code: 'API_PATIENT_NOT_FOUND' },
    });
    expect((await leaver.request('GET', `/patients/${d.patientId}/vitals?type=spo2`)).status).toBe(404);
    const { patients } = await leaver.expect<{ patients: { id: string }[] }>(200, 'GET', '/patients');
    expect(patients.map((p) => p.id)).not.toContain(d.patientId);
    const { alerts } = await leaver.expect<{ alerts: Alert[] }>(200, 'GET', '/alerts');
    expect(alerts.filter((a) => a.patientId === d.patientId)).toEqual([]);

    expect(await auditRows(leaverUser.id, 'patient.read')).toEqual([
      { action: 'patient.read', outcome: 'allowed', patient_id: d.patientId, detail: null },
      { action: 'patient.read', outcome: 'denied', patient_id: d.patientId, detail: null },
    ]);
  });

  it('the removal is audited, and removing again is a no-op that is audited too', async () => {
    await platform.admin.expect(204, 'DELETE', `/teams/${d.teamId}/members/${leaverUser.id}`);
    const admin = await platform.admin.expect<User>(200, 'GET', '/me');
    expect((await auditRows(admin.id, 'team.member.remove'))?.map((r) => [r.outcome, r.detail])).toEqual([
      ['allowed', `user ${leaverUser.id} left team ${d.teamId}`],
      ['allowed', `user ${leaverUser.id} was not a member of team ${d.teamId}`],
    ]);
  });

  it('a new socket of the removed clinician joins no team room', async () => {
    const socket = await connectSocket(leaver.token);
    try {
      const rows = await auditRows(leaverUser.id, 'realtime.subscribe');
      expect(rows?.at(-1)?.detail).toBe('0 teams');
    } finally {
      socket.disconnect();
    }
  });
});
