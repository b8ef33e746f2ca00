import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fhirBundleSchema,
  type AuditEntry,
  type FhirBundle,
  type FhirCondition,
  type FhirObservation,
  type PassportVersion,
  type User,
  type VitalsResponse,
} from '@rpm/contracts';
import type { ApiClient } from '../harness/api-client.ts';
import { eventually } from '../harness/eventually.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { provisionDevice, type ProvisionedDevice } from '../harness/provision.ts';
import { publishReadings } from '../harness/publish-readings.ts';

const DAY = 24 * 3_600_000;
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';

/**
 * FHIR R4 export (issue #5): readings published through the real gateway and stored in a real InfluxDB come back as
 * vital-signs Observations (LOINC, UCUM, measurement time; blood pressure as a panel with components), with the
 * Patient and the passport's diagnoses as ICD-10 Conditions, in a `collection` Bundle served as application/fhir+json;
 * the export is audited on the export channel and scoped to the care team.
 */
describe('FHIR export', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let d: ProvisionedDevice;
  let diagnosis: PassportVersion;
  const now = Date.now();
  const at = (agoMs: number): string => new Date(now - agoMs).toISOString();

  const exportBundle = async (client: ApiClient, query = ''): Promise<{ status: number; contentType: string | null; body: unknown }> => {
    const res = await fetch(`${platform.httpUrl}/api/v1/patients/${d.patientId}/fhir${query}`, {
      headers: { authorization: `Bearer ${client.token ?? ''}` },
    });
    return { status: res.status, contentType: res.headers.get('content-type'), body: await res.json() };
  };

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    d = await provisionDevice(platform.admin, 'Aigerim Seitkali', ['kidney_transplant']);
    await platform.admin.expect(201, 'POST', '/patients', { name: 'Unrelated', teamId: d.teamId });
    // registered 40 days ago, so a reading from 35 days ago is accepted (and falls outside the default 30 days)
    await platform.platform.httpServer?.ctx.db
      .updateTable('devices')
      .set({ registered_at: now - 40 * DAY })
      .where('id', '=', d.deviceId)
      .execute();
    diagnosis = await platform.admin.expect<PassportVersion>(201, 'POST', `/patients/${d.patientId}/passport/entries`, {
      section: 'diagnosis',
      data: { icd10: 'Z94.0', description: 'Kidney transplant status', diagnosedOn: '2025-11-02' },
    });
    const ended = await platform.admin.expect<PassportVersion>(201, 'POST', `/patients/${d.patientId}/passport/entries`, {
      section: 'diagnosis',
      data: { icd10: 'J06.9', description: 'Acute upper respiratory infection' },
    });
    await platform.admin.expect(201, 'POST', `/patients/${d.patientId}/passport/entries/${ended.entryId}/supersede`, {
      ended: true,
      reason: 'Recovered',
    });

    await publishReadings(platform.mqttPort, d, 1, [
      { type: 'heart_rate', unit: '/min', value: 58, at: at(35 * DAY) },
      { type: 'heart_rate', unit: '/min', value: 72, at: at(2 * DAY) },
      { type: 'spo2', unit: '%', value: 97, at: at(DAY) },
      { type: 'blood_pressure', unit: 'mm[Hg]', systolic: 128, diastolic: 82, at: at(3_600_000) },
      // converted on ingest: exported in the canonical unit
      { type: 'body_temperature', unit: '[degF]', value: 98.6, at: at(600_000) },
    ]);
    await eventually(
      async () => {
        const v = await platform.admin.expect<VitalsResponse>(200, 'GET', `/patients/${d.patientId}/vitals?from=${at(36 * DAY)}`);
        return v.readings.length === 5 ? true : undefined;
      },
      15_000,
      'the readings in InfluxDB',
    );
  });

  afterAll(async () => {
    await platform.stop();
    await influx.stop();
  });

  it('answers a collection Bundle as application/fhir+json: Patient, the last 30 days of vital signs, current diagnoses', async () => {
    const res = await exportBundle(platform.admin);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/fhir\+json/);
    const bundle = fhirBundleSchema.parse(res.body);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(Math.abs(Date.parse(bundle.timestamp) - Date.now())).toBeLessThan(60_000);
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual([
      'Patient',
      'Observation',
      'Observation',
      'Observation',
      'Observation',
      'Condition',
    ]);
    for (const e of bundle.entry) expect(e.fullUrl).toBe(`urn:uuid:${e.resource.id}`);

    expect(bundle.entry[0]?.resource).toEqual({ resourceType: 'Patient', id: d.patientId, name: [{ text: 'Aigerim Seitkali' }] });
  });

  it('maps each reading to a vital-signs Observation: LOINC code, UCUM quantity, measurement time, subject, device', async () => {
    const bundle = (await exportBundle(platform.admin)).body as FhirBundle;
    const observations = bundle.entry.map((e) => e.resource).filter((r): r is FhirObservation => r.resourceType === 'Observation');
    for (const o of observations) {
      expect(o.status).toBe('final');
      expect(o.category).toEqual([
        {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }],
          text: 'Vital Signs',
        },
      ]);
      expect(o.subject).toEqual({ reference: `urn:uuid:${d.patientId}` });
      expect(o.device).toEqual({ identifier: { value: d.deviceId } });
      expect(o.code.coding[0]?.system).toBe(LOINC);
      expect(Date.parse(o.issued ?? '')).toBeGreaterThan(0);
    }
    const [hr, spo2, bp, temp] = observations;
    expect(hr).toMatchObject({ effectiveDateTime: at(2 * DAY), valueQuantity: { value: 72, unit: '/min', system: UCUM, code: '/min' } });
    expect(hr?.code.coding.map((c) => c.code)).toEqual(['8867-4']);
    expect(spo2).toMatchObject({ effectiveDateTime: at(DAY), valueQuantity: { value: 97, unit: '%', system: UCUM, code: '%' } });
    expect(spo2?.code.coding.map((c) => c.code)).toEqual(['2708-6', '59408-5']);

    expect(bp?.effectiveDateTime).toBe(at(3_600_000));
    expect(bp?.code.coding.map((c) => c.code)).toEqual(['85354-9']);
    expect(bp?.valueQuantity).toBeUndefined();
    expect(bp?.component?.map((c) => [c.code.coding[0]?.system, c.code.coding[0]?.code, c.valueQuantity])).toEqual([
      [LOINC, '8480-6', { value: 128, unit: 'mm[Hg]', system: UCUM, code: 'mm[Hg]' }],
      [LOINC, '8462-4', { value: 82, unit: 'mm[Hg]', system: UCUM, code: 'mm[Hg]' }],
    ]);

    expect(temp?.code.coding.map((c) => c.code)).toEqual(['8310-5']);
    expect(temp?.effectiveDateTime).toBe(at(600_000));
    expect(temp?.valueQuantity).toMatchObject({ unit: 'Cel', system: UCUM, code: 'Cel' });
    expect(temp?.valueQuantity?.value).toBeCloseTo(37, 2);
  });

  it('exports the diagnoses in force as ICD-10 Conditions; an ended one is left out', async () => {
    const bundle = (await exportBundle(platform.admin)).body as FhirBundle;
    const conditions = bundle.entry.map((e) => e.resource).filter((r): r is FhirCondition => r.resourceType === 'Condition');
    expect(conditions).toEqual([
      {
        resourceType: 'Condition',
        id: diagnosis.entryId,
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
        verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/condition-category',
                code: 'problem-list-item',
                display: 'Problem List Item',
              },
            ],
          },
        ],
        code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'Z94.0' }], text: 'Kidney transplant status' },
        subject: { reference: `urn:uuid:${d.patientId}` },
        recordedDate: '2025-11-02',
      },
    ]);
  });

  it('takes the readings of ?from=&to= by measurement time', async () => {
    const all = (await exportBundle(platform.admin, `?from=${encodeURIComponent(at(36 * DAY))}`)).body as FhirBundle;
    expect(all.entry.filter((e) => e.resource.resourceType === 'Observation')).toHaveLength(5);
    const window = (
      await exportBundle(platform.admin, `?from=${encodeURIComponent(at(3 * DAY))}&to=${encodeURIComponent(at(12 * 3_600_000))}`)
    ).body as FhirBundle;
    expect(window.entry.flatMap((e) => (e.resource.resourceType === 'Observation' ? [e.resource.effectiveDateTime] : []))).toEqual([
      at(2 * DAY),
      at(DAY),
    ]);
    expect((await exportBundle(platform.admin, `?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(DAY))}`)).status).toBe(400);
  });

  it('is audited as an export, and only the patient’s care team (and admins) may export', async () => {
    const { entries } = await platform.admin.expect<{ entries: AuditEntry[] }>(200, 'GET', `/audit?patientId=${d.patientId}`);
    expect(entries.find((e) => e.action === 'fhir.export' && e.outcome === 'allowed' && e.detail !== null)).toMatchObject({
      channel: 'export',
      actorRole: 'admin',
      detail: expect.stringMatching(/^\d+ readings, 1 diagnoses, /) as string,
    });

    const other = await platform.admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Other' });
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'other.fhir',
      password: 'outsider-password',
      displayName: 'Other',
      role: 'clinician',
      teamId: other.id,
    });
    const outsider = await platform.admin.login('other.fhir', 'outsider-password');
    expect((await exportBundle(outsider)).status).toBe(404);
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.fhir',
      password: 'nurse-password-1',
      displayName: 'Nurse',
      role: 'clinician',
      teamId: d.teamId,
    });
    const nurse = await platform.admin.login('nurse.fhir', 'nurse-password-1');
    expect((await exportBundle(nurse)).status).toBe(200);
    const denied = await platform.admin.expect<{ entries: AuditEntry[] }>(200, 'GET', `/audit?patientId=${d.patientId}`);
    expect(
      denied.entries.some((e) => e.action === 'fhir.export' && e.channel === 'export' && e.outcome === 'denied' && e.actorName === 'Other'),
    ).toBe(true);
  });
});
