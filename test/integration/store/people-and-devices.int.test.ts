import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { SessionStore } from '../../../server/src/auth/session-store.ts';
import { UserStore } from '../../../server/src/auth/user-store.ts';
import { DeviceStore } from '../../../server/src/devices/device-store.ts';
import { PatientStore } from '../../../server/src/patients/patient-store.ts';
import { QuarantineStore } from '../../../server/src/quarantine/quarantine-store.ts';
import { TeamStore } from '../../../server/src/teams/team-store.ts';
import { DIALECTS, openDatabaseUnderTest, type DatabaseUnderTest } from './dialects.ts';

/** The same store code, the same assertions, on SQLite and on PostgreSQL: people, teams, patients, devices, quarantine. */
describe.each(DIALECTS)('stores on %s: people, teams, patients, devices', (dialect) => {
  let t: DatabaseUnderTest;
  let users: UserStore;
  let teams: TeamStore;
  let patients: PatientStore;
  let devices: DeviceStore;

  beforeAll(async () => {
    t = await openDatabaseUnderTest(dialect);
    users = new UserStore(t.db);
    teams = new TeamStore(t.db);
    patients = new PatientStore(t.db);
    devices = new DeviceStore(t.db);
  });
  afterAll(async () => {
    await t.stop();
  });

  it('creates users and finds them by name and id; usernames are unique and case-sensitive', async () => {
    const nurse = await users.create({ username: 'nurse.a', password: 'nurse-password-1', displayName: 'Nurse A', role: 'clinician' });
    expect(await users.findByUsername('nurse.a')).toMatchObject({
      id: nurse.id,
      display_name: 'Nurse A',
      role: 'clinician',
      disabled_at: null,
    });
    expect((await users.findById(nurse.id))?.username).toBe('nurse.a');
    expect(await users.findByUsername('NURSE.A')).toBeUndefined();
    await expect(
      users.create({ username: 'nurse.a', password: 'another-password', displayName: 'Twin', role: 'clinician' }),
    ).rejects.toThrow();
  });

  it('verifies a session until it is revoked or expires', async () => {
    const user = await users.create({ username: 'doc.s', password: 'doctor-password-1', displayName: 'Doctor S', role: 'clinician' });
    const sessions = new SessionStore(t.db, 60_000);
    const now = 1_800_000_000_000;
    const { token, expiresAt } = await sessions.create(user.id, now);
    expect(expiresAt).toBe(now + 60_000);
    const live = await sessions.verify(token, now + 1);
    expect(live).toMatchObject({ user: { id: user.id, username: 'doc.s', role: 'clinician' }, expiresAt });
    expect(typeof live?.expiresAt).toBe('number');
    expect(await sessions.verify(token, expiresAt)).toBeUndefined();
    expect(await sessions.verify('not-a-token', now)).toBeUndefined();
    if (live === undefined) throw new Error('session not live');
    await sessions.revoke(live.id, now + 2);
    expect(await sessions.verify(token, now + 3)).toBeUndefined();
  });

  it('never disables the last active admin, even when two admins disable each other at the same moment', async () => {
    // Argon2id makes each create slow: two admins, reused by every round (the survivor is re-enabled below the store).
    const a = await users.create({ username: 'admin.a', password: 'admin-password-a', displayName: 'Admin A', role: 'admin' });
    const b = await users.create({ username: 'admin.b', password: 'admin-password-b', displayName: 'Admin B', role: 'admin' });
    for (let round = 0; round < 12; round++) {
      await t.db.updateTable('users').set({ disabled_at: null }).where('id', 'in', [a.id, b.id]).execute();
      const outcomes = await Promise.all([users.disable(a.id), users.disable(b.id)]);
      expect(outcomes.toSorted()).toEqual(['disabled', 'last-admin']);
      const active = await t.db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).execute();
      expect(active).toHaveLength(1);
    }
    expect(await users.disable(a.id)).not.toBe('disabled');
  });

  it('keeps teams and their members with their highest tier, and removes a member', async () => {
    const b = await teams.create('Team B');
    const a = await teams.create('Team A');
    expect(await teams.exists(a.id)).toBe(true);
    expect(await teams.exists('00000000-0000-0000-0000-000000000000')).toBe(false);
    expect((await teams.list()).filter((x) => x.id === a.id || x.id === b.id).map((x) => x.name)).toEqual(['Team A', 'Team B']);

    const anna = await users.create({ username: 'anna', password: 'password-anna-1', displayName: 'Anna', role: 'clinician' });
    const boris = await users.create({ username: 'boris', password: 'password-boris-1', displayName: 'Boris', role: 'clinician' });
    await teams.addMember(a.id, anna.id, 'nurse');
    await teams.addMember(b.id, anna.id, 'doctor');
    await teams.addMember(a.id, boris.id, 'on_call');
    await expect(teams.addMember(a.id, anna.id, 'doctor')).rejects.toThrow();

    expect(await teams.membersOf([a.id, b.id])).toEqual([
      { userId: anna.id, displayName: 'Anna', role: 'doctor', tier: 2 },
      { userId: boris.id, displayName: 'Boris', role: 'on_call', tier: 3 },
    ]);
    expect((await teams.teamIdsOfUser(anna.id)).sort()).toEqual([a.id, b.id].sort());

    const removed: string[] = [];
    teams.onMemberRemoved = (teamId, userId) => removed.push(`${teamId}/${userId}`);
    expect(await teams.removeMember(a.id, boris.id)).toBe(true);
    expect(await teams.removeMember(a.id, boris.id)).toBe(false);
    expect(removed).toEqual([`${a.id}/${boris.id}`]);
    expect(await teams.membersOf([a.id])).toEqual([{ userId: anna.id, displayName: 'Anna', role: 'nurse', tier: 1 }]);
  });

  it('keeps patients in their teams with their programmes and SpO2 target', async () => {
    const t1 = await teams.create('Renal');
    const t2 = await teams.create('Cardio');
    const admin = await users.create({ username: 'admin.p', password: 'admin-password-1', displayName: 'Admin', role: 'admin' });
    const both = await patients.create({ name: 'Айгерим Б', programs: ['kidney_transplant'] }, [t1.id, t2.id], admin.id, 1_800_000_000_123);
    const one = await patients.create({ name: 'Arman A', birthDate: '1950-02-03', sex: 'male' }, [t2.id], admin.id);

    expect(await patients.get(both.id)).toEqual(both);
    expect(both).toMatchObject({ programs: ['kidney_transplant'], createdAt: new Date(1_800_000_000_123).toISOString() });
    expect((await patients.get(one.id))?.birthDate).toBe('1950-02-03');
    expect(await patients.get('00000000-0000-0000-0000-000000000000')).toBeUndefined();
    expect((await patients.teamIdsOf(both.id)).sort()).toEqual([t1.id, t2.id].sort());
    expect((await patients.list([t1.id])).map((p) => p.id)).toEqual([both.id]);
    // ordered by name: Latin before Cyrillic by code point on both engines
    expect((await patients.list([t1.id, t2.id])).map((p) => p.name)).toEqual(['Arman A', 'Айгерим Б']);
    expect(await patients.list([])).toEqual([]);

    expect(await patients.setProgrammes(one.id, ['copd', 'copd'], '88-92')).toEqual({
      programs: ['copd'],
      spo2Target: '88-92',
      spo2TargetExplicit: true,
    });
    expect(await patients.setProgrammes(one.id, ['copd'], null)).toMatchObject({ spo2TargetExplicit: false });
    expect(await patients.setProgrammes('00000000-0000-0000-0000-000000000000', [], undefined)).toBeUndefined();
    expect((await patients.enrolments()).find((e) => e.patientId === one.id)).toEqual({
      patientId: one.id,
      programs: ['copd'],
      spo2Target: undefined,
    });
    expect(await patients.nameOf(both.id)).toBe('Айгерим Б');
  });

  it('registers, authenticates, rotates, reassigns and deactivates devices, keeping every binding', async () => {
    const team = await teams.create('Devices');
    const nurse = await users.create({ username: 'nurse.d', password: 'nurse-password-d', displayName: 'Nurse D', role: 'clinician' });
    const p1 = await patients.create({ name: 'First wearer' }, [team.id], nurse.id);
    const p2 = await patients.create({ name: 'Second wearer' }, [team.id], nurse.id);
    const registeredAt = 1_800_000_000_000;
    const { deviceId, secret } = await devices.register(p1.id, 'oximeter', registeredAt, nurse.id);

    expect(await devices.authenticate(deviceId, secret, registeredAt + 1)).toEqual({ deviceId, patientId: p1.id, registeredAt });
    expect(await devices.authenticate(deviceId, 'wrong-secret', registeredAt + 1)).toBeUndefined();
    expect(await devices.patientOf(deviceId)).toBe(p1.id);

    await devices.recordStatus({ deviceId, at: registeredAt + 10, online: true, battery: 87.5, firmware: '1.2.3', clockOffsetMs: -1250 });
    const listed = await devices.listForPatient(p1.id);
    expect(listed).toEqual([
      {
        deviceId,
        patientId: p1.id,
        model: 'oximeter',
        active: true,
        registeredAt: new Date(registeredAt).toISOString(),
        lastSeenAt: new Date(registeredAt + 10).toISOString(),
        online: true,
        battery: 87.5,
        firmware: '1.2.3',
        clockOffsetMs: -1250,
      },
    ]);

    const rotated = await devices.rotateSecret(deviceId, p1.id, registeredAt + 20);
    if (typeof rotated === 'string') throw new Error(`rotation refused: ${rotated}`);
    expect(await devices.authenticate(deviceId, secret, registeredAt + 21)).toBeUndefined();
    expect(await devices.rotateSecret(deviceId, p2.id)).toBe('moved');

    const by = { userId: nurse.id, reason: 'handed to the next patient' };
    expect(await devices.reassign(deviceId, p1.id, p1.id, by)).toBe('same_patient');
    expect(await devices.reassign(deviceId, p1.id, p2.id, by, registeredAt + 100)).toBeUndefined();
    expect(await devices.reassign(deviceId, p1.id, p2.id, by, registeredAt + 101)).toBe('moved');
    // after a reassignment the gateway refuses readings measured before it
    expect(await devices.lookup(deviceId)).toEqual({ deviceId, patientId: p2.id, registeredAt: registeredAt + 100 });
    expect(await devices.authenticate(deviceId, rotated.secret, registeredAt + 102)).toMatchObject({ patientId: p2.id });

    expect(await devices.deactivate(deviceId, p2.id, { userId: nurse.id, reason: 'broken' }, registeredAt + 200)).toBeUndefined();
    expect(await devices.deactivate(deviceId, p2.id, { userId: nurse.id, reason: 'again' })).toBe('inactive');
    expect(await devices.deactivate('dev-unknown00000', p2.id, { userId: nurse.id, reason: 'none' })).toBe('not_found');
    expect(await devices.lookup(deviceId)).toBeUndefined();

    const detail = await devices.detail(deviceId);
    expect(detail).toMatchObject({
      active: false,
      deactivationReason: 'broken',
      deactivatedAt: new Date(registeredAt + 200).toISOString(),
    });
    expect(detail?.assignments).toEqual([
      {
        patientId: p1.id,
        from: new Date(registeredAt).toISOString(),
        to: new Date(registeredAt + 100).toISOString(),
        assignedBy: nurse.id,
        assignedByName: 'Nurse D',
        reason: 'registered',
      },
      {
        patientId: p2.id,
        from: new Date(registeredAt + 100).toISOString(),
        to: new Date(registeredAt + 200).toISOString(),
        assignedBy: nurse.id,
        assignedByName: 'Nurse D',
        reason: 'handed to the next patient',
      },
    ]);
  });

  it('quarantines refused messages and lists them newest first', async () => {
    const quarantine = new QuarantineStore(t.db);
    await quarantine.record([
      {
        deviceId: 'dev-aaaaaaaaaaaa',
        topic: 'rpm/v1/devices/dev-aaaaaaaaaaaa/readings',
        reason: 'PAYLOAD_NOT_JSON',
        detail: 'not JSON',
        payloadPrefix: '{bad',
        seq: 2 ** 40,
        at: 1_800_000_000_001,
      },
      {
        deviceId: undefined,
        topic: 'x',
        reason: 'TOPIC_INVALID',
        detail: 'topic',
        payloadPrefix: '',
        readingIndex: 3,
        at: 1_800_000_000_002,
      },
    ]);
    await quarantine.record([]);
    expect(await quarantine.list(10)).toEqual([
      {
        deviceId: undefined,
        topic: 'x',
        reason: 'TOPIC_INVALID',
        detail: 'topic',
        payloadPrefix: '',
        readingIndex: 3,
        at: 1_800_000_000_002,
      },
      {
        deviceId: 'dev-aaaaaaaaaaaa',
        topic: 'rpm/v1/devices/dev-aaaaaaaaaaaa/readings',
        reason: 'PAYLOAD_NOT_JSON',
        detail: 'not JSON',
        payloadPrefix: '{bad',
        seq: 2 ** 40,
        at: 1_800_000_000_001,
      },
    ]);
    const [count] = (await sql<{ n: number }>`SELECT count(*) AS n FROM quarantine`.execute(t.db)).rows;
    // count(*) is bigint on PostgreSQL: the pool reads int8 as a number, as SQLite returns it
    expect(count?.n).toBe(2);
  });
});
