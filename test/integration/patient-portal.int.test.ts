import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AccessLogEntry,
  type Alert,
  type AuditEntry,
  type Correction,
  type Device,
  type Passport,
  type PassportVersion,
  type ServerToClientEvents,
  type User,
  type VitalsResponse,
} from '@rpm/contracts';
import type { ApiClient } from '../harness/api-client.ts';
import { eventually } from '../harness/eventually.ts';
import { nextAlert } from '../harness/next-alert.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { provisionDevice, type ProvisionedDevice } from '../harness/provision.ts';
import { publishReadings } from '../harness/publish-readings.ts';

/**
 * The patient portal (issue #5): a patient reads their own passport, vitals, alerts, devices and who accessed their
 * record, asks their team for corrections, and can write nothing else nor reach any other patient. Also the admin's
 * audit query, and the audit log's refusal to be rewritten.
 */
describe('patient portal', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let d: ProvisionedDevice;
  let otherPatientId: string;
  let nurse: ApiClient;
  let outsider: ApiClient;
  let me: ApiClient;
  let meUser: User;
  let diagnosis: PassportVersion;
  let correction: Correction;

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    d = await provisionDevice(platform.admin, 'Portal patient', ['kidney_transplant']);
    ({ id: otherPatientId } = await platform.admin.expect<{ id: string }>(201, 'POST', '/patients', {
      name: 'Someone else',
      teamId: d.teamId,
    }));
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.portal',
      password: 'nurse-password-1',
      displayName: 'Nurse Dana',
      role: 'clinician',
      teamId: d.teamId,
    });
    nurse = await platform.admin.login('nurse.portal', 'nurse-password-1');
    const otherTeam = await platform.admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Other ward' });
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'other.portal',
      password: 'outsider-password',
      displayName: 'Other Ward',
      role: 'clinician',
      teamId: otherTeam.id,
    });
    outsider = await platform.admin.login('other.portal', 'outsider-password');
    diagnosis = await nurse.expect<PassportVersion>(201, 'POST', `/patients/${d.patientId}/passport/entries`, {
      section: 'diagnosis',
      data: { icd10: 'Z94.0', description: 'Kidney transplant status' },
    });
  });

  afterAll(async () => {
    await platform.stop();
    await influx.stop();
  });

  it('the admin creates the patient’s own login, linked to their record; the username must be free', async () => {
    meUser = await platform.admin.expect<User>(201, 'POST', `/patients/${d.patientId}/portal-user`, {
      username: 'aigerim.s',
      password: 'patient-password-1',
      displayName: 'Aigerim S.',
    });
    expect(meUser.role).toBe('patient');
    me = await platform.admin.login('aigerim.s', 'patient-password-1');
    const taken = await platform.admin.request('POST', `/patients/${d.patientId}/portal-user`, {
      username: 'aigerim.s',
      password: 'patient-password-1',
      displayName: 'x',
    });
    expect(taken.status).toBe(409);
    // only an admin may do it
    expect(
      (
        await nurse.request('POST', `/patients/${d.patientId}/portal-user`, {
          username: 'x.y',
          password: 'patient-password-1',
          displayName: 'x',
        })
      ).status,
    ).toBe(403);
  });

  it('reads my passport, the same as my team sees it', async () => {
    const mine = await me.expect<Passport>(200, 'GET', '/me/passport');
    expect(mine).toEqual(await nurse.expect<Passport>(200, 'GET', `/patients/${d.patientId}/passport`));
    expect(mine.diagnoses.map((x) => x.data.icd10)).toEqual(['Z94.0']);
  });

  const connectSocket = (token: string | undefined): Promise<Socket<ServerToClientEvents>> => {
    const socket: Socket<ServerToClientEvents> = io(platform.httpUrl, { auth: { token }, transports: ['websocket'], reconnection: false });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  };

  it('reads my vitals, alerts and devices; my socket joins no care-team room, so live alerts go to the team only', async () => {
    const teamSocket = await connectSocket(nurse.token);
    const mySocket = await connectSocket(me.token);
    const pushedToMe: string[] = [];
    mySocket.on('alert:raised', (a) => pushedToMe.push(a.id));
    const pushedToTeam = nextAlert(teamSocket, 'alert:raised', (a) => a.ruleId === 'fever');
    // 38.4 °C: above the kidney-transplant fever limit (37.8), so there is an alert to read too
    await publishReadings(platform.mqttPort, d, 1, [{ type: 'body_temperature', unit: 'Cel', value: 38.4, at: new Date().toISOString() }]);
    const vitals = await eventually(async () => {
      const v = await me.expect<VitalsResponse>(200, 'GET', '/me/vitals?type=body_temperature');
      return v.readings.length > 0 ? v : undefined;
    }, 15_000);
    expect(vitals).toMatchObject({ patientId: d.patientId, readings: [{ type: 'body_temperature', value: 38.4, unit: 'Cel' }] });

    const alerts = await eventually(async () => {
      const { alerts: a } = await me.expect<{ alerts: Alert[] }>(200, 'GET', '/me/alerts');
      return a.length > 0 ? a : undefined;
    }, 15_000);
    expect(alerts.every((a) => a.patientId === d.patientId)).toBe(true);
    expect(alerts.map((a) => a.ruleId)).toContain('fever');
    expect((await pushedToTeam).patientId).toBe(d.patientId);
    expect(pushedToMe).toEqual([]);
    teamSocket.disconnect();
    mySocket.disconnect();

    const { devices } = await me.expect<{ devices: Device[] }>(200, 'GET', '/me/devices');
    expect(devices.map((x) => x.deviceId)).toEqual([d.deviceId]);
  });

  it('shows who accessed my record, with name and role, never other patients’ rows nor my own reads', async () => {
    await nurse.expect(200, 'GET', `/patients/${d.patientId}/passport`);
    await nurse.expect(200, 'GET', `/patients/${otherPatientId}`);
    expect((await outsider.request('GET', `/patients/${d.patientId}`)).status).toBe(404);
    const { entries } = await me.expect<{ entries: AccessLogEntry[] }>(200, 'GET', '/me/access-log');
    expect(entries[0]).toEqual({
      at: expect.any(String) as string,
      actorName: 'Other Ward',
      actorRole: 'clinician',
      action: 'patient.read',
      channel: 'rest',
      outcome: 'denied',
    });
    expect(entries).toContainEqual(expect.objectContaining({ actorName: 'Nurse Dana', action: 'passport.read', outcome: 'allowed' }));
    expect(entries.some((e) => e.actorName === 'Aigerim S.')).toBe(false);
    // the nurse's read of the other patient is in the audit log, but not in my access log
    const audit = await platform.admin.expect<{ entries: AuditEntry[] }>(200, 'GET', `/audit?patientId=${otherPatientId}`);
    expect(audit.entries.some((e) => e.action === 'patient.read' && e.actorName === 'Nurse Dana')).toBe(true);
    expect(entries.filter((e) => e.action === 'patient.read' && e.actorName === 'Nurse Dana')).toEqual([]);
    expect(JSON.stringify(entries)).not.toContain(otherPatientId);
  });

  it('asks my team to correct the passport; the team answers and I see the status', async () => {
    correction = await me.expect<Correction>(201, 'POST', '/me/corrections', {
      section: 'diagnosis',
      entryId: diagnosis.entryId,
      message: 'The transplant was in 2019, not last year',
    });
    expect(correction).toMatchObject({ patientId: d.patientId, status: 'open', history: [] });
    const unknownEntry = await me.request('POST', '/me/corrections', {
      section: 'diagnosis',
      entryId: d.patientId,
      message: 'no such entry',
    });
    expect(unknownEntry.status).toBe(404);

    const { corrections } = await nurse.expect<{ corrections: Correction[] }>(200, 'GET', `/patients/${d.patientId}/corrections`);
    expect(corrections.map((c) => c.id)).toEqual([correction.id]);
    // not the other team's business
    expect((await outsider.request('GET', `/patients/${d.patientId}/corrections`)).status).toBe(404);
    expect((await outsider.request('POST', `/corrections/${correction.id}/status`, { status: 'rejected', note: 'no' })).status).toBe(404);

    await nurse.expect(200, 'POST', `/corrections/${correction.id}/status`, { status: 'accepted', note: 'Checking the discharge summary' });
    const done = await nurse.expect<Correction>(200, 'POST', `/corrections/${correction.id}/status`, { status: 'done', note: 'Corrected' });
    expect(done.history.map((h) => [h.status, h.byName])).toEqual([
      ['accepted', 'Nurse Dana'],
      ['done', 'Nurse Dana'],
    ]);
    const reopened = await nurse.request('POST', `/corrections/${correction.id}/status`, { status: 'accepted', note: 'again' });
    expect(reopened).toMatchObject({ status: 409, body: { code: 'API_CORRECTION_STATUS_INVALID' } });

    const mine = await me.expect<{ corrections: Correction[] }>(200, 'GET', '/me/corrections');
    expect(mine.corrections[0]).toMatchObject({
      id: correction.id,
      status: 'done',
      history: [{ note: 'Checking the discharge summary' }, { note: 'Corrected' }],
    });
  });

  it('a patient can write nothing else and reach no other record', async () => {
    const attempts: [string, string, unknown][] = [
      ['PUT', `/patients/${d.patientId}/thresholds`, { ruleId: 'fever', param: 'limit', value: 39, reason: 'I feel fine' }],
      ['POST', `/patients/${d.patientId}/observations`, { type: 'consciousness', value: 'A' }],
      ['POST', `/patients/${d.patientId}/passport/entries`, { section: 'entitlement', data: { kind: 'medicine', name: 'Everything' } }],
      ['POST', `/patients/${d.patientId}/passport/entries/${diagnosis.entryId}/supersede`, { ended: true, reason: 'I disagree' }],
      ['POST', `/corrections/${correction.id}/status`, { status: 'done', note: 'self-approved' }],
      ['PUT', `/patients/${d.patientId}/programs`, { programs: [] }],
      ['POST', `/patients/${d.patientId}/devices`, {}],
      ['POST', `/devices/${d.deviceId}/deactivate`, { reason: 'mine' }],
      ['POST', '/patients', { name: 'New' }],
      ['POST', '/users', { username: 'evil.one', password: 'patient-password-1', displayName: 'x', role: 'admin' }],
      ['POST', `/patients/${d.patientId}/portal-user`, { username: 'evil.two', password: 'patient-password-1', displayName: 'x' }],
      ['GET', `/patients/${otherPatientId}`, undefined],
      ['GET', `/patients/${d.patientId}`, undefined],
      ['GET', `/patients/${otherPatientId}/passport`, undefined],
      ['GET', `/patients/${otherPatientId}/vitals`, undefined],
      ['GET', `/patients/${otherPatientId}/fhir`, undefined],
      ['GET', '/patients', undefined],
      ['GET', '/alerts', undefined],
      ['GET', '/audit', undefined],
    ];
    for (const [method, path, body] of attempts) {
      const res = await me.request(method, path, body);
      expect([403, 404], `${method} ${path}`).toContain(res.status);
    }
    // nothing changed
    const { versions } = await nurse.expect<{ versions: PassportVersion[] }>(200, 'GET', `/patients/${d.patientId}/passport/history`);
    expect(versions).toHaveLength(1);
  });

  it('logout ends the patient’s session and drops their socket at once', async () => {
    const second = await platform.admin.login('aigerim.s', 'patient-password-1');
    const socket = await connectSocket(second.token);
    const dropped = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    await second.expect(204, 'POST', '/auth/logout');
    await dropped;
    expect((await second.request('GET', '/me/passport')).status).toBe(401);
  });

  it('stores no usable secret: sessions as SHA-256 of the token, passwords as argon2id', async () => {
    const db = platform.platform.httpServer?.ctx.db;
    if (db === undefined) throw new Error('no server');
    const sessions = await db.selectFrom('sessions').select('id').where('user_id', '=', meUser.id).execute();
    expect(sessions.length).toBeGreaterThan(0);
    for (const s of sessions) {
      expect(s.id).toMatch(/^[0-9a-f]{64}$/);
      expect(s.id).not.toBe(me.token);
    }
    const user = await db.selectFrom('users').select('password_hash').where('id', '=', meUser.id).executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(user.password_hash).not.toContain('patient-password-1');
  });

  it('answers with the security headers: a CSP without unsafe-inline, no sniffing, no framing, no caching of API data', async () => {
    const res = await fetch(`${platform.httpUrl}/api/v1/me/passport`, { headers: { authorization: `Bearer ${me.token ?? ''}` } });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('a patient login that is not linked to a record reads nothing', async () => {
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'unlinked.p',
      password: 'patient-password-2',
      displayName: 'Unlinked',
      role: 'patient',
    });
    const unlinked = await platform.admin.login('unlinked.p', 'patient-password-2');
    expect(await unlinked.request('GET', '/me/passport')).toMatchObject({ status: 404, body: { code: 'API_PORTAL_NOT_LINKED' } });
    // and clinicians cannot use the portal routes
    expect((await nurse.request('GET', '/me/passport')).status).toBe(403);
  });
});

describe('audit log', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let patientId: string;

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    ({ patientId } = await provisionDevice(platform.admin, 'Audited patient'));
  });

  afterAll(async () => {
    await platform.stop();
    await influx.stop();
  });

  it('an admin queries it by patient, actor and time; the query itself is audited', async () => {
    await platform.admin.expect(200, 'GET', `/patients/${patientId}`);
    const me = await platform.admin.expect<User>(200, 'GET', '/me');
    const { entries } = await platform.admin.expect<{ entries: AuditEntry[] }>(
      200,
      'GET',
      `/audit?patientId=${patientId}&actorId=${me.id}&limit=50`,
    );
    expect(entries[0]).toMatchObject({
      patientId,
      actorId: me.id,
      actorName: expect.any(String) as string,
      actorRole: 'admin',
      action: 'patient.read',
      outcome: 'allowed',
    });
    expect(entries.every((e) => e.patientId === patientId && e.actorId === me.id)).toBe(true);
    const longAgo = '/audit?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z';
    expect((await platform.admin.expect<{ entries: AuditEntry[] }>(200, 'GET', longAgo)).entries).toEqual([]);
    const all = await platform.admin.expect<{ entries: AuditEntry[] }>(200, 'GET', '/audit?limit=5');
    expect(all.entries[0]?.action).toBe('audit.query');
    expect((await platform.admin.request('GET', '/audit?from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z')).status).toBe(400);
  });

  it('the application cannot rewrite or delete audit rows: the database refuses', async () => {
    const db = platform.platform.httpServer?.ctx.db;
    if (db === undefined) throw new Error('no server');
    const before = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      db.updateTable('audit_log').set({ outcome: 'allowed', detail: 'rewritten' }).where('patient_id', '=', patientId).execute(),
    ).rejects.toThrow(/audit_log is append-only/);
    await expect(db.deleteFrom('audit_log').where('patient_id', '=', patientId).execute()).rejects.toThrow(/audit_log is append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/audit_log is append-only/);
    const after = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await db.selectFrom('audit_log').select('detail').where('detail', '=', 'rewritten').execute()).length).toBe(0);
  });

  it('only admins may read it; ops sees fleet health but no clinical data', async () => {
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'ops.audit',
      password: 'ops-password-1',
      displayName: 'Ops',
      role: 'ops',
    });
    const ops = await platform.admin.login('ops.audit', 'ops-password-1');
    expect((await ops.request('GET', '/audit')).status).toBe(403);
    for (const path of [
      '/patients',
      `/patients/${patientId}`,
      `/patients/${patientId}/passport`,
      `/patients/${patientId}/vitals`,
      '/alerts',
      '/dead-letters',
    ]) {
      expect((await ops.request('GET', path)).status, path).toBe(403);
    }
    expect((await ops.request('GET', '/quarantine')).status).toBe(200);
  });
});
