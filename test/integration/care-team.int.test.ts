import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CareTeamResponse, User } from '@rpm/contracts';
import type { PlatformServer } from '@rpm/server';
import type { ApiClient } from '../harness/api-client.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { provisionDevice, type ProvisionedDevice } from '../harness/provision.ts';

/**
 * GET /patients/{id}/care-team lists who an alert of the patient may be assigned to: the members of all the patient's
 * teams, each user once, with role and escalation tier. A clinician of another team gets the same 404 as for a
 * missing patient, and the denial is audited.
 */
describe('care team of a patient', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let d: ProvisionedDevice;
  let other: ProvisionedDevice;
  let nurse: ApiClient;
  let outsider: ApiClient;
  const ids: Record<string, string> = {};

  const ctx = (): PlatformServer['ctx'] => {
    const c = platform.platform.httpServer?.ctx;
    if (c === undefined) throw new Error('no HTTP server');
    return c;
  };

  async function createUser(username: string, displayName: string, teamId?: string): Promise<string> {
    const user = await platform.admin.expect<User>(201, 'POST', '/users', {
      username,
      password: `${username}-password`,
      displayName,
      role: 'clinician',
      ...(teamId === undefined ? {} : { teamId }),
    });
    ids[username] = user.id;
    return user.id;
  }

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    d = await provisionDevice(platform.admin, 'Care-team patient', ['kidney_transplant']);
    other = await provisionDevice(platform.admin, 'Other patient', []);

    await createUser('nurse.aigerim', 'Aigerim Nurse', d.teamId);
    const doctor = await createUser('doctor.bolat', 'Bolat Doctor');
    await ctx().teams.addMember(d.teamId, doctor, 'doctor');
    await createUser('nurse.outsider', 'Outsider Nurse', other.teamId);

    // A second team also follows the patient; the doctor is in it too (as on-call), and so is a coordinator.
    const second = await platform.admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Night team' });
    await ctx().db.insertInto('team_patients').values({ team_id: second.id, patient_id: d.patientId }).execute();
    await ctx().teams.addMember(second.id, doctor, 'on_call');
    const coordinator = await createUser('coord.dana', 'Dana Coordinator');
    await ctx().teams.addMember(second.id, coordinator, 'coordinator');

    nurse = await platform.admin.login('nurse.aigerim', 'nurse.aigerim-password');
    outsider = await platform.admin.login('nurse.outsider', 'nurse.outsider-password');
  });

  afterAll(async () => {
    await platform.stop();
    await influx.stop();
  });

  const auditRows = (actorId: string) =>
    ctx()
      .db.selectFrom('audit_log')
      .select(['action', 'outcome', 'patient_id'])
      .where('actor_id', '=', actorId)
      .where('action', '=', 'care_team.read')
      .orderBy('id')
      .execute();

  it('lists the members of all the patient’s teams with role and tier, each user once', async () => {
    const { members } = await nurse.expect<CareTeamResponse>(200, 'GET', `/patients/${d.patientId}/care-team`);
    expect(members).toEqual([
      { userId: ids['nurse.aigerim'], displayName: 'Aigerim Nurse', role: 'nurse', tier: 1 },
      { userId: ids['coord.dana'], displayName: 'Dana Coordinator', role: 'coordinator', tier: 1 },
      // a doctor in both teams appears once, with the higher tier
      { userId: ids['doctor.bolat'], displayName: 'Bolat Doctor', role: 'on_call', tier: 3 },
    ]);
    expect(await auditRows(ids['nurse.aigerim'] ?? '')).toEqual([
      { action: 'care_team.read', outcome: 'allowed', patient_id: d.patientId },
    ]);
  });

  it('every member listed can be assigned the patient’s alert', async () => {
    // the assign route's own check (alert-routes.ts) accepts whoever the care-team list offers
    const { members } = await platform.admin.expect<CareTeamResponse>(200, 'GET', `/patients/${d.patientId}/care-team`);
    const teams = await ctx().patients.teamIdsOf(d.patientId);
    for (const m of members) expect((await ctx().teams.teamIdsOfUser(m.userId)).some((t) => teams.includes(t))).toBe(true);
  });

  it('another team’s clinician gets 404, audited as denied; a missing patient is 404 too', async () => {
    expect(await outsider.request('GET', `/patients/${d.patientId}/care-team`)).toMatchObject({
      status: 404,
      body: { code: 'API_PATIENT_NOT_FOUND' },
    });
    expect(await auditRows(ids['nurse.outsider'] ?? '')).toEqual([
      { action: 'care_team.read', outcome: 'denied', patient_id: d.patientId },
    ]);
    // their own patient's team is listed
    const own = await outsider.expect<CareTeamResponse>(200, 'GET', `/patients/${other.patientId}/care-team`);
    expect(own.members.map((m) => m.userId)).toEqual([ids['nurse.outsider']]);
    expect((await nurse.request('GET', '/patients/00000000-0000-4000-8000-000000000000/care-team')).status).toBe(404);
    expect((await nurse.request('GET', '/patients/not-a-uuid/care-team')).status).toBe(400);
  });

  it('needs a session, and a clinical role', async () => {
    expect((await platform.admin.request('GET', `/patients/${d.patientId}/care-team`)).status).toBe(200);
    const res = await fetch(`${platform.httpUrl}/api/v1/patients/${d.patientId}/care-team`);
    expect(res.status).toBe(401);
  });
});
