import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@rpm/contracts';
import { AlertStore, type AlertTrigger } from '../../../server/src/alerts/alert-store.ts';
import { AuditLog } from '../../../server/src/audit/audit-log.ts';
import { AuditReader } from '../../../server/src/audit/audit-reader.ts';
import { UserStore } from '../../../server/src/auth/user-store.ts';
import { OverrideStore } from '../../../server/src/clinical/override-store.ts';
import { PassportStore } from '../../../server/src/passport/passport-store.ts';
import { PatientStore } from '../../../server/src/patients/patient-store.ts';
import { CorrectionStore } from '../../../server/src/portal/correction-store.ts';
import { PortalUserStore } from '../../../server/src/portal/portal-users.ts';
import { TeamStore } from '../../../server/src/teams/team-store.ts';
import { DIALECTS, openDatabaseUnderTest, type DatabaseUnderTest } from './dialects.ts';

const T0 = 1_800_000_000_000;

/** The same store code, the same assertions, on SQLite and on PostgreSQL: alerts, overrides, passport, corrections, audit. */
describe.each(DIALECTS)('stores on %s: alerts and clinical records', (dialect) => {
  let t: DatabaseUnderTest;
  let nurse: User;
  let patientId: string;
  let teamId: string;

  const trigger = (over: Partial<AlertTrigger> = {}): AlertTrigger => ({
    patientId,
    ruleId: 'spo2_very_low',
    priority: 'high',
    readingType: 'spo2',
    params: { value: 87 },
    measuredAt: T0,
    receivedAt: T0 + 500,
    backfilled: false,
    dataAgeMs: 500.4,
    readingsCount: 2,
    ...over,
  });

  beforeAll(async () => {
    t = await openDatabaseUnderTest(dialect);
    nurse = await new UserStore(t.db).create({
      username: 'nurse.r',
      password: 'nurse-password-r',
      displayName: 'Nurse R',
      role: 'clinician',
    });
    const team = await new TeamStore(t.db).create('Records');
    teamId = team.id;
    patientId = (await new PatientStore(t.db).create({ name: 'Records patient' }, [team.id], nurse.id)).id;
  });
  afterAll(async () => {
    await t.stop();
  });

  it('keeps one active alert per patient and rule through raise, update, acknowledge and resolve', async () => {
    const alerts = new AlertStore(t.db);
    const first = await alerts.raiseOrUpdate(trigger(), T0 + 1_000);
    expect(first.created).toBe(true);
    expect(first.alert).toMatchObject({
      patientName: 'Records patient',
      status: 'open',
      occurrences: 2,
      backfilled: false,
      dataAgeMs: 500,
      raisedAt: new Date(T0 + 1_000).toISOString(),
      escalationTier: 1,
    });

    // a later, worse reading updates it; the count grows by at least one, or to the engine's own count
    const again = await alerts.raiseOrUpdate(
      trigger({ params: { value: 85 }, measuredAt: T0 + 60_000, readingsCount: 1, backfilled: true }),
      T0 + 61_000,
    );
    expect(again).toMatchObject({ created: false, alert: { id: first.alert.id, occurrences: 3, params: { value: 85 }, backfilled: true } });
    const backlog = await alerts.raiseOrUpdate(trigger({ measuredAt: T0 + 30_000, readingsCount: 9 }), T0 + 62_000);
    expect(backlog.alert).toMatchObject({ id: first.alert.id, occurrences: 9, measuredAt: new Date(T0 + 60_000).toISOString() });

    expect(await alerts.acknowledge(first.alert.id, nurse.id, T0 + 70_000)).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: nurse.id,
      acknowledgedByName: 'Nurse R',
    });
    expect(await alerts.acknowledge(first.alert.id, nurse.id, T0 + 70_001)).toBeUndefined();
    expect(await alerts.assign(first.alert.id, nurse.id, nurse.id, T0 + 71_000)).toMatchObject({
      assignedTo: nurse.id,
      assignedToName: 'Nurse R',
    });
    expect(await alerts.resolve(first.alert.id, nurse.id, 'oxygen adjusted', T0 + 80_000)).toMatchObject({
      status: 'resolved',
      resolution: 'manual',
      resolutionNote: 'oxygen adjusted',
      resolvedByName: 'Nurse R',
    });
    expect(await alerts.resolve(first.alert.id, nurse.id, 'twice', T0 + 80_001)).toBeUndefined();

    // resolved, it no longer holds the patient's slot for the rule: the next episode is a new alert
    const next = await alerts.raiseOrUpdate(trigger({ measuredAt: T0 + 90_000 }), T0 + 90_500);
    expect(next.created).toBe(true);
    expect(next.alert.id).not.toBe(first.alert.id);
    expect((await alerts.events(first.alert.id)).map((e) => e.kind)).toEqual(['raised', 'acknowledged', 'assigned', 'resolved']);
    expect((await alerts.events(first.alert.id))[1]).toMatchObject({ actorName: 'Nurse R', at: new Date(T0 + 70_000).toISOString() });

    expect((await alerts.list({ status: 'active', teamIds: [teamId], limit: 10 })).map((a) => a.id)).toEqual([next.alert.id]);
    expect((await alerts.list({ status: 'all', patientId, teamIds: 'all', limit: 10 })).map((a) => a.id)).toEqual([
      next.alert.id,
      first.alert.id,
    ]);
    expect(await alerts.list({ status: 'all', teamIds: [], limit: 10 })).toEqual([]);

    expect(await alerts.dueForEscalation({ high: 60_000, medium: 60_000 }, T0 + 90_500 + 60_000)).toEqual([{ id: next.alert.id, tier: 1 }]);
    expect(await alerts.escalate(next.alert.id, 2, T0 + 200_000)).toMatchObject({ escalationTier: 2 });
    expect(await alerts.snooze(next.alert.id, T0 + 300_000, nurse.id, 'on the phone', T0 + 200_001)).toMatchObject({
      snoozedUntil: new Date(T0 + 300_000).toISOString(),
    });
    expect(await alerts.expiredSnoozes(T0 + 300_000)).toEqual([next.alert.id]);
    expect(await alerts.autoResolve(patientId, 'spo2_very_low', 'SpO2 back in range', T0 + 400_000)).toMatchObject({ resolution: 'auto' });
    expect(await alerts.autoResolve(patientId, 'spo2_very_low', 'nothing open', T0 + 400_001)).toBeUndefined();
  });

  it('keeps every threshold change; the latest is in force and a removal falls back to the default', async () => {
    const overrides = new OverrideStore(t.db);
    const reason = 'post-transplant baseline';
    await overrides.record(patientId, { ruleId: 'temp_high', param: 'above', value: 38.3, reason }, nurse.id, T0);
    await overrides.record(patientId, { ruleId: 'spo2_low', param: 'below', value: 91.7, reason }, nurse.id, T0 + 1);
    await overrides.record(
      patientId,
      { ruleId: 'temp_high', param: 'above', value: ((100.5 - 32) * 5) / 9, reason: 'tighter' },
      nurse.id,
      T0 + 2,
    );
    await overrides.record(patientId, { ruleId: 'spo2_low', param: 'below', value: null, reason: 'back to default' }, nurse.id, T0 + 3);

    // floats come back exactly, a converted 100.5 °F too (PostgreSQL's 4-byte `real` would keep 7 digits: the column is
    // double precision there)
    const celsius = ((100.5 - 32) * 5) / 9;
    expect((await overrides.inForce(patientId)).get(patientId)).toEqual([{ ruleId: 'temp_high', param: 'above', value: celsius }]);
    expect([...(await overrides.metadataInForce(patientId))]).toEqual([
      ['temp_high\u0000above', { setBy: nurse.id, setByName: 'Nurse R', setAt: new Date(T0 + 2).toISOString(), reason: 'tighter' }],
    ]);
    expect((await overrides.history(patientId)).map((h) => h.value)).toEqual([38.3, 91.7, celsius, null]);
  });

  it('versions passport entries: record, correct, end, refuse a stale or second change', async () => {
    const passport = new PassportStore(t.db);
    const recorded = await passport.record(
      patientId,
      { section: 'diagnosis', data: { icd10: 'N18.5', description: 'CKD stage 5' } },
      nurse.id,
      T0,
    );
    if (typeof recorded === 'string') throw new Error(`refused: ${recorded}`);
    expect(recorded).toMatchObject({ section: 'diagnosis', change: 'recorded', recordedByName: 'Nurse R' });
    expect(typeof recorded.version).toBe('number');

    const corrected = await passport.supersede(
      patientId,
      recorded.entryId,
      {
        section: 'diagnosis',
        data: { icd10: 'Z94.0', description: 'Kidney transplant status' },
        reason: 'transplanted',
        version: recorded.version,
      },
      nurse.id,
      T0 + 1,
    );
    if (typeof corrected === 'string') throw new Error(`refused: ${corrected}`);
    expect(corrected).toMatchObject({ change: 'corrected', supersedes: recorded.version });
    expect(
      await passport.supersede(
        patientId,
        recorded.entryId,
        { ended: true, reason: 'stale edit', version: recorded.version },
        nurse.id,
        T0 + 2,
      ),
    ).toBe('changed');
    expect(
      await passport.supersede(
        patientId,
        recorded.entryId,
        { section: 'prescription', data: { medicine: 'x', issuedOn: '2026-01-01' }, reason: 'wrong section' },
        nurse.id,
      ),
    ).toBe('section_mismatch');

    const current = await passport.current(patientId);
    expect(current.diagnoses).toHaveLength(1);
    expect(current.diagnoses[0]).toMatchObject({ entryId: recorded.entryId, data: { icd10: 'Z94.0' } });

    expect(
      await passport.supersede(patientId, recorded.entryId, { ended: true, reason: 'entered in error' }, nurse.id, T0 + 3),
    ).toMatchObject({
      change: 'ended',
    });
    expect(await passport.supersede(patientId, recorded.entryId, { ended: true, reason: 'again' }, nurse.id)).toBe('ended');
    expect(await passport.supersede(patientId, '00000000-0000-4000-8000-000000000000', { ended: true, reason: 'none' }, nurse.id)).toBe(
      'not_found',
    );
    expect((await passport.current(patientId)).diagnoses).toEqual([]);
    expect((await passport.history(patientId)).map((v) => v.change)).toEqual(['recorded', 'corrected', 'ended']);

    const registration = { section: 'registration', data: { clinic: 'Polyclinic 5', districtDoctor: 'Dr Omarova' } } as const;
    expect(await passport.record(patientId, registration, nurse.id)).toMatchObject({ change: 'recorded' });
    expect(await passport.record(patientId, registration, nurse.id)).toBe('single_exists');
  });

  it('routes correction requests through their allowed answers', async () => {
    const patientUser = await new UserStore(t.db).create({
      username: 'patient.r',
      password: 'patient-password',
      displayName: 'P R',
      role: 'patient',
    });
    const portal = new PortalUserStore(t.db);
    await portal.link(patientUser.id, patientId, nurse.id, T0);
    expect(await portal.patientOf(patientUser.id)).toBe(patientId);
    expect(await portal.patientOf(nurse.id)).toBeUndefined();

    const corrections = new CorrectionStore(t.db);
    const created = await corrections.create(patientId, patientUser.id, { section: 'diagnosis', message: 'My diagnosis is missing' }, T0);
    expect(created).toMatchObject({ status: 'open', history: [], createdAt: new Date(T0).toISOString() });
    expect(await corrections.answer(created.id, 'accepted', 'will add it', nurse.id, T0 + 1)).toMatchObject({ status: 'accepted' });
    expect(await corrections.answer(created.id, 'done', 'added', nurse.id, T0 + 2)).toMatchObject({
      status: 'done',
      history: [
        { status: 'accepted', byName: 'Nurse R' },
        { status: 'done', byName: 'Nurse R' },
      ],
    });
    expect(await corrections.answer(created.id, 'rejected', 'too late', nurse.id)).toBe('invalid_transition');
    expect(await corrections.answer('00000000-0000-0000-0000-000000000000', 'done', 'x', nurse.id)).toBe('not_found');
    expect((await corrections.listForPatient(patientId)).map((c) => c.id)).toEqual([created.id]);
  });

  it('lets only one of two simultaneous check-then-write changes of a record through', async () => {
    // PostgreSQL runs transactions side by side (READ COMMITTED): both would pass the check before either writes,
    // unless the store serialises them; SQLite runs one transaction at a time
    const passport = new PassportStore(t.db);
    const other = (await new PatientStore(t.db).create({ name: 'Concurrent patient' }, [teamId], nurse.id)).id;
    const registration = { section: 'registration', data: { clinic: 'Polyclinic 7', districtDoctor: 'Dr Sadykova' } } as const;
    const registered = await Promise.all([1, 2, 3].map(() => passport.record(other, registration, nurse.id)));
    expect(registered.filter((r) => r === 'single_exists')).toHaveLength(2);
    expect((await passport.history(other)).filter((v) => v.section === 'registration')).toHaveLength(1);

    const diagnosis = await passport.record(other, { section: 'diagnosis', data: { icd10: 'I50.0', description: 'HF' } }, nurse.id);
    if (typeof diagnosis === 'string') throw new Error(`refused: ${diagnosis}`);
    const ends = await Promise.all(
      [1, 2].map((i) => passport.supersede(other, diagnosis.entryId, { ended: true, reason: `end ${i}` }, nurse.id)),
    );
    expect(ends.filter((r) => r === 'ended')).toHaveLength(1);

    const corrections = new CorrectionStore(t.db);
    const request = await corrections.create(other, nurse.id, { section: 'diagnosis', message: 'Please check again' });
    const answers = await Promise.all(
      (['rejected', 'done'] as const).map((status) => corrections.answer(request.id, status, status, nurse.id)),
    );
    expect(answers.filter((a) => a === 'invalid_transition')).toHaveLength(1);
    expect((await corrections.get(request.id))?.history).toHaveLength(1);
  });

  it('records audit events and reads them back, newest first, for admins and for the patient', async () => {
    const audit = new AuditLog(t.db);
    const reader = new AuditReader(t.db);
    const patientUser = await new UserStore(t.db).findByUsername('patient.r');
    if (patientUser === undefined) throw new Error('patient user missing');
    await audit.record({ actor: nurse, patientId, action: 'patient.read', channel: 'rest', outcome: 'allowed' }, T0);
    await audit.record(
      { actor: { id: patientUser.id, role: 'patient' }, patientId, action: 'portal.read', channel: 'rest', outcome: 'allowed' },
      T0 + 1,
    );
    await audit.record(
      { actor: undefined, patientId, action: 'alert.raise', channel: 'system', outcome: 'allowed', detail: 'spo2' },
      T0 + 2,
    );
    await audit.record({ actor: nurse, action: 'team.list', channel: 'rest', outcome: 'denied' }, T0 + 3);

    const all = await reader.query({ from: T0, to: T0 + 3, limit: 10 });
    expect(all.map((e) => e.action)).toEqual(['team.list', 'alert.raise', 'portal.read', 'patient.read']);
    expect(all.every((e) => typeof e.id === 'number')).toBe(true);
    expect(all[3]).toMatchObject({ actorName: 'Nurse R', actorRole: 'clinician', at: new Date(T0).toISOString() });
    expect((await reader.query({ actorId: nurse.id, from: T0, to: T0 + 3, limit: 1 })).map((e) => e.action)).toEqual(['team.list']);
    expect((await reader.accessesTo(patientId, patientUser.id, { from: T0, to: T0 + 3, limit: 10 })).map((e) => e.action)).toEqual([
      'alert.raise',
      'patient.read',
    ]);
  });
});
