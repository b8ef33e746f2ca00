import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Passport, PassportHistory, PassportVersion, User } from '@rpm/contracts';
import type { ApiClient } from '../harness/api-client.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';

/**
 * The electronic health passport (issue #5): clinicians of the patient's team record every section; a change is a
 * new version superseding the old, so the history keeps who changed what, when and why; the database itself refuses
 * to rewrite or delete a version; a clinician of another team can neither read nor write it.
 */
describe('health passport', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let patientId: string;
  let nurse: ApiClient;
  let outsider: ApiClient;
  let diagnosis: PassportVersion;

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    const team = await platform.admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Nephrology' });
    ({ id: patientId } = await platform.admin.expect<{ id: string }>(201, 'POST', '/patients', {
      name: 'Passport holder',
      teamId: team.id,
    }));
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.pp',
      password: 'nurse-password-1',
      displayName: 'Nurse Aliya',
      role: 'clinician',
      teamId: team.id,
    });
    nurse = await platform.admin.login('nurse.pp', 'nurse-password-1');
    const other = await platform.admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Cardiology' });
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'other.pp',
      password: 'outsider-password',
      displayName: 'Other Team',
      role: 'clinician',
      teamId: other.id,
    });
    outsider = await platform.admin.login('other.pp', 'outsider-password');
  });

  afterAll(async () => {
    await platform.stop();
    await influx.stop();
  });

  const record = (body: object) => nurse.expect<PassportVersion>(201, 'POST', `/patients/${patientId}/passport/entries`, body);

  it('records an entry in every section, each with its author, and shows them as the passport in force', async () => {
    await record({
      section: 'registration',
      data: { clinic: 'City polyclinic No. 4, Astana', districtDoctor: 'Saule Nurlanovna Akhmetova' },
    });
    diagnosis = await record({
      section: 'diagnosis',
      data: { icd10: 'n18.5', description: 'Chronic kidney disease, stage 5', diagnosedOn: '2024-05-02' },
    });
    await record({ section: 'diagnosis', data: { icd10: 'Z94.0', description: 'Kidney transplant status' } });
    await record({
      section: 'prescription',
      data: {
        medicine: 'Tacrolimus 1 mg',
        dosage: '2 mg twice daily',
        issuedOn: '2026-01-05',
        pharmacy: 'Pharmacy No. 12',
        dispensedOn: '2026-01-06',
      },
    });
    await record({
      section: 'hospitalisation',
      data: {
        hospital: 'National Scientific Medical Center',
        referredBy: 'City polyclinic No. 4',
        planned: true,
        admittedOn: '2025-11-01',
        dischargedOn: '2025-11-20',
        diagnosisIcd10: 'N18.5',
      },
    });
    await record({ section: 'sick_leave', data: { certificateNumber: 'LN-2025-004512', from: '2025-11-01', to: '2025-12-15' } });
    await record({ section: 'dispensary', data: { icd10: 'Z94.0', registeredOn: '2025-11-21' } });
    await record({ section: 'entitlement', data: { kind: 'medicine', name: 'Tacrolimus', basis: 'Free outpatient medicines list' } });
    await record({ section: 'entitlement', data: { kind: 'service', name: 'Monthly nephrologist consultation' } });

    const passport = await nurse.expect<Passport>(200, 'GET', `/patients/${patientId}/passport`);
    expect(passport.registration).toMatchObject({
      data: { clinic: 'City polyclinic No. 4, Astana', districtDoctor: 'Saule Nurlanovna Akhmetova' },
      recordedByName: 'Nurse Aliya',
    });
    // stored upper case
    expect(passport.diagnoses.map((d) => d.data.icd10)).toEqual(['N18.5', 'Z94.0']);
    expect(passport.prescriptions[0]?.data).toMatchObject({ pharmacy: 'Pharmacy No. 12' });
    expect(passport.hospitalisations[0]?.data).toMatchObject({
      referredBy: 'City polyclinic No. 4',
      admittedOn: '2025-11-01',
      dischargedOn: '2025-11-20',
    });
    expect(passport.sickLeaves[0]?.data.certificateNumber).toBe('LN-2025-004512');
    expect(passport.dispensary[0]?.data).toEqual({ icd10: 'Z94.0', registeredOn: '2025-11-21' });
    expect(passport.entitlements.map((e) => e.data.kind)).toEqual(['medicine', 'service']);
  });

  it('refuses a malformed ICD-10 code, inverted dates and a second registration', async () => {
    const bad = await nurse.request('POST', `/patients/${patientId}/passport/entries`, {
      section: 'diagnosis',
      data: { icd10: 'N185', description: 'x' },
    });
    expect(bad).toMatchObject({ status: 400, body: { code: 'API_VALIDATION_FAILED' } });
    const inverted = await nurse.request('POST', `/patients/${patientId}/passport/entries`, {
      section: 'sick_leave',
      data: { certificateNumber: 'LN-1', from: '2026-02-01', to: '2026-01-01' },
    });
    expect(inverted.status).toBe(400);
    const second = await nurse.request('POST', `/patients/${patientId}/passport/entries`, {
      section: 'registration',
      data: { clinic: 'Another', districtDoctor: 'Someone' },
    });
    expect(second).toMatchObject({ status: 409, body: { code: 'API_PASSPORT_SINGLE_ENTRY' } });
  });

  it('stores names with markup as given: text, never interpreted', async () => {
    const v = await record({ section: 'entitlement', data: { kind: 'service', name: '<img src=x onerror=alert(1)>Dialysis' } });
    const passport = await nurse.expect<Passport>(200, 'GET', `/patients/${patientId}/passport`);
    expect(passport.entitlements.find((e) => e.entryId === v.entryId)?.data.name).toBe('<img src=x onerror=alert(1)>Dialysis');
  });

  it('corrects an entry with a new version: the passport shows the new data, the history both, with who and why', async () => {
    const corrected = await nurse.expect<PassportVersion>(
      201,
      'POST',
      `/patients/${patientId}/passport/entries/${diagnosis.entryId}/supersede`,
      {
        section: 'diagnosis',
        data: { icd10: 'N18.4', description: 'Chronic kidney disease, stage 4', diagnosedOn: '2024-05-02' },
        reason: 'Restaged after the nephrology review',
        version: diagnosis.version,
      },
    );
    expect(corrected).toMatchObject({
      entryId: diagnosis.entryId,
      change: 'corrected',
      supersedes: diagnosis.version,
      recordedByName: 'Nurse Aliya',
    });

    const passport = await nurse.expect<Passport>(200, 'GET', `/patients/${patientId}/passport`);
    const dx = passport.diagnoses.find((d) => d.entryId === diagnosis.entryId);
    expect(dx).toMatchObject({ version: corrected.version, data: { icd10: 'N18.4' }, firstRecordedAt: diagnosis.recordedAt });

    const { versions } = await nurse.expect<PassportHistory>(200, 'GET', `/patients/${patientId}/passport/history`);
    expect(versions.filter((v) => v.entryId === diagnosis.entryId)).toMatchObject([
      { change: 'recorded', data: { icd10: 'N18.5' }, supersedes: null, reason: null },
      { change: 'corrected', data: { icd10: 'N18.4' }, supersedes: diagnosis.version, reason: 'Restaged after the nephrology review' },
    ]);
    diagnosis = corrected;
  });

  it('refuses a change based on a stale version, and a correction of another section', async () => {
    const stale = await nurse.request('POST', `/patients/${patientId}/passport/entries/${diagnosis.entryId}/supersede`, {
      section: 'diagnosis',
      data: { icd10: 'N18.3', description: 'stage 3' },
      reason: 'edited an old copy',
      version: diagnosis.version - 1,
    });
    expect(stale).toMatchObject({ status: 409, body: { code: 'API_PASSPORT_ENTRY_CHANGED' } });
    const mismatch = await nurse.request('POST', `/patients/${patientId}/passport/entries/${diagnosis.entryId}/supersede`, {
      section: 'entitlement',
      data: { kind: 'service', name: 'x' },
      reason: 'wrong section',
    });
    expect(mismatch).toMatchObject({ status: 400, body: { code: 'API_PASSPORT_SECTION_MISMATCH' } });
  });

  it('lets only one of two simultaneous changes of the same version through', async () => {
    const change = (icd10: string) =>
      nurse.request('POST', `/patients/${patientId}/passport/entries/${diagnosis.entryId}/supersede`, {
        section: 'diagnosis',
        data: { icd10, description: 'concurrent' },
        reason: 'two tabs',
        version: diagnosis.version,
      });
    const results = await Promise.all([change('N18.3'), change('N18.2')]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    diagnosis = results.find((r) => r.status === 201)?.body as PassportVersion;
  });

  it('ends an entry: gone from the passport, kept in the history; an ended entry cannot change again', async () => {
    const ended = await nurse.expect<PassportVersion>(
      201,
      'POST',
      `/patients/${patientId}/passport/entries/${diagnosis.entryId}/supersede`,
      {
        ended: true,
        reason: 'Entered for the wrong patient',
      },
    );
    expect(ended).toMatchObject({ change: 'ended', data: null, reason: 'Entered for the wrong patient' });
    const passport = await nurse.expect<Passport>(200, 'GET', `/patients/${patientId}/passport`);
    expect(passport.diagnoses.map((d) => d.data.icd10)).toEqual(['Z94.0']);
    const again = await nurse.request('POST', `/patients/${patientId}/passport/entries/${diagnosis.entryId}/supersede`, {
      ended: true,
      reason: 'twice',
    });
    expect(again).toMatchObject({ status: 409, body: { code: 'API_PASSPORT_ENTRY_ENDED' } });
    const { versions } = await nurse.expect<PassportHistory>(200, 'GET', `/patients/${patientId}/passport/history`);
    expect(versions.filter((v) => v.entryId === diagnosis.entryId).map((v) => v.change)).toEqual([
      'recorded',
      'corrected',
      'corrected',
      'ended',
    ]);
  });

  it('the database refuses to rewrite or delete a version, whatever the application asks', async () => {
    const db = platform.platform.httpServer?.ctx.db;
    if (db === undefined) throw new Error('no server');
    await expect(
      db.updateTable('passport_entries').set({ reason: 'rewritten' }).where('entry_id', '=', diagnosis.entryId).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('passport_entries').where('patient_id', '=', patientId).execute()).rejects.toThrow(/append-only/);
  });

  it('a clinician of another team can neither read nor change it (404, as for a missing patient), and is audited as denied', async () => {
    for (const [method, path, body] of [
      ['GET', `/patients/${patientId}/passport`, undefined],
      ['GET', `/patients/${patientId}/passport/history`, undefined],
      ['POST', `/patients/${patientId}/passport/entries`, { section: 'entitlement', data: { kind: 'service', name: 'x' } }],
      ['POST', `/patients/${patientId}/passport/entries/${diagnosis.entryId}/supersede`, { ended: true, reason: 'not mine' }],
    ] as const) {
      expect(await outsider.request(method, path, body)).toMatchObject({ status: 404, body: { code: 'API_PATIENT_NOT_FOUND' } });
    }
    const { entries } = await platform.admin.expect<{ entries: AuditEntry[] }>(200, 'GET', `/audit?patientId=${patientId}`);
    expect(
      entries
        .filter((e) => e.actorName === 'Other Team' && e.outcome === 'denied')
        .map((e) => e.action)
        .sort(),
    ).toEqual(['passport.history', 'passport.read', 'passport.record', 'passport.supersede']);
    expect(entries.some((e) => e.actorName === 'Nurse Aliya' && e.action === 'passport.supersede' && e.outcome === 'allowed')).toBe(true);
  });
});
