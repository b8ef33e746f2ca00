import { describe, expect, it } from 'vitest';
import { fhirBundleSchema, type Patient, type PassportEntry, type VitalPoint } from '@rpm/contracts';
import { diagnosisCondition, fhirBundle, fhirPatient, vitalObservation } from './fhir-bundle.ts';
import { nameUuid } from './name-uuid.ts';

const PATIENT: Patient = {
  id: '0b6c1a52-58a7-4a55-9a1e-3c1f0f6f1e01',
  name: 'Aigerim <b>Seitkali</b>',
  birthDate: '1971-03-08',
  sex: 'female',
  teamIds: [],
  programs: ['kidney_transplant'],
  spo2Target: '94-98',
  createdAt: '2026-01-01T00:00:00.000Z',
};
const AT = '2026-03-01T07:15:00.000Z';
const point = (p: Partial<VitalPoint> & Pick<VitalPoint, 'type' | 'unit'>): VitalPoint => ({ at: AT, deviceId: 'dev-1', ...p });

describe('vital-sign Observations', () => {
  it.each([
    { p: point({ type: 'heart_rate', unit: '/min', value: 72 }), codes: ['8867-4'], value: 72, unit: '/min' },
    { p: point({ type: 'spo2', unit: '%', value: 96 }), codes: ['2708-6', '59408-5'], value: 96, unit: '%' },
    { p: point({ type: 'respiratory_rate', unit: '/min', value: 16 }), codes: ['9279-1'], value: 16, unit: '/min' },
    { p: point({ type: 'body_temperature', unit: 'Cel', value: 36.8 }), codes: ['8310-5'], value: 36.8, unit: 'Cel' },
    { p: point({ type: 'body_weight', unit: 'kg', value: 71.4 }), codes: ['29463-7'], value: 71.4, unit: 'kg' },
    { p: point({ type: 'blood_glucose', unit: 'mmol/L', value: 5.6 }), codes: ['14743-9'], value: 5.6, unit: 'mmol/L' },
  ])('$p.type → LOINC $codes in UCUM $unit', ({ p, codes, value, unit }) => {
    const o = vitalObservation(PATIENT.id, p);
    expect(o?.code.coding.map((c) => [c.system, c.code])).toEqual(codes.map((c) => ['http://loinc.org', c]));
    expect(o?.valueQuantity).toEqual({ value, unit, system: 'http://unitsofmeasure.org', code: unit });
    expect(o?.category[0]?.coding[0]).toMatchObject({
      system: 'http://terminology.hl7.org/CodeSystem/observation-category',
      code: 'vital-signs',
    });
    expect(o).toMatchObject({
      resourceType: 'Observation',
      status: 'final',
      effectiveDateTime: AT,
      subject: { reference: `urn:uuid:${PATIENT.id}` },
    });
    expect(o?.component).toBeUndefined();
  });

  it('blood pressure is the 85354-9 panel with systolic 8480-6 and diastolic 8462-4 components and no value of its own', () => {
    const o = vitalObservation(PATIENT.id, point({ type: 'blood_pressure', unit: 'mm[Hg]', systolic: 128, diastolic: 82 }));
    expect(o?.code.coding.map((c) => c.code)).toEqual(['85354-9']);
    expect(o?.valueQuantity).toBeUndefined();
    expect(o?.component).toEqual([
      {
        code: { coding: [{ system: 'http://loinc.org', code: '8480-6', display: 'Systolic blood pressure' }] },
        valueQuantity: { value: 128, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
      },
      {
        code: { coding: [{ system: 'http://loinc.org', code: '8462-4', display: 'Diastolic blood pressure' }] },
        valueQuantity: { value: 82, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
      },
    ]);
  });

  it.each([{ p: point({ type: 'heart_rate', unit: '/min' }) }, { p: point({ type: 'blood_pressure', unit: 'mm[Hg]', systolic: 120 }) }])(
    'leaves out a point without its value ($p.type)',
    ({ p }) => {
      expect(vitalObservation(PATIENT.id, p)).toBeUndefined();
    },
  );

  it('gives the same reading the same id on every export, and different readings different ids', () => {
    const a = vitalObservation(PATIENT.id, point({ type: 'heart_rate', unit: '/min', value: 72 }));
    const b = vitalObservation(PATIENT.id, point({ type: 'heart_rate', unit: '/min', value: 72 }));
    const c = vitalObservation(PATIENT.id, point({ type: 'heart_rate', unit: '/min', value: 72, at: '2026-03-01T07:16:00.000Z' }));
    expect(a?.id).toBe(b?.id);
    expect(a?.id).not.toBe(c?.id);
    expect(a?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('name-based UUIDs', () => {
  it('are version 5, variant RFC 9562, and stable', () => {
    expect(nameUuid('x')).toBe(nameUuid('x'));
    expect(nameUuid('x')).not.toBe(nameUuid('y'));
    expect(nameUuid('x')[14]).toBe('5');
  });
});

const DIAGNOSIS: PassportEntry<'diagnosis'> = {
  section: 'diagnosis',
  data: { icd10: 'Z94.0', description: 'Kidney transplant status', diagnosedOn: '2025-11-02' },
  entryId: '5d0d9b83-6c8e-4b39-8f0f-0a0b3c3d4e5f',
  version: 3,
  recordedAt: '2026-01-02T00:00:00.000Z',
  recordedBy: '9a1c4f3e-0000-4000-8000-000000000001',
  recordedByName: 'Dr A',
  firstRecordedAt: '2026-01-01T00:00:00.000Z',
};

describe('Patient and Condition', () => {
  it('maps the patient, gender and birth date; the name stays plain text', () => {
    expect(fhirPatient(PATIENT)).toEqual({
      resourceType: 'Patient',
      id: PATIENT.id,
      name: [{ text: 'Aigerim <b>Seitkali</b>' }],
      gender: 'female',
      birthDate: '1971-03-08',
    });
    expect(fhirPatient({ ...PATIENT, sex: null, birthDate: null })).toEqual({
      resourceType: 'Patient',
      id: PATIENT.id,
      name: [{ text: PATIENT.name }],
    });
  });

  it('a diagnosis is an active, confirmed Condition coded in ICD-10', () => {
    expect(diagnosisCondition(PATIENT.id, DIAGNOSIS)).toEqual({
      resourceType: 'Condition',
      id: DIAGNOSIS.entryId,
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
      category: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item', display: 'Problem List Item' },
          ],
        },
      ],
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'Z94.0' }], text: 'Kidney transplant status' },
      subject: { reference: `urn:uuid:${PATIENT.id}` },
      recordedDate: '2025-11-02',
    });
  });
});

describe('the Bundle', () => {
  it('is a collection: the Patient first, then Observations, then Conditions, each under its urn:uuid full URL', () => {
    const bundle = fhirBundle({
      patient: PATIENT,
      readings: [point({ type: 'heart_rate', unit: '/min', value: 72 }), point({ type: 'heart_rate', unit: '/min' })],
      diagnoses: [DIAGNOSIS],
      bundleId: 'b1',
      now: Date.parse('2026-03-02T00:00:00Z'),
    });
    expect(fhirBundleSchema.parse(bundle)).toEqual(bundle);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', id: 'b1', type: 'collection', timestamp: '2026-03-02T00:00:00.000Z' });
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(['Patient', 'Observation', 'Condition']);
    for (const e of bundle.entry) expect(e.fullUrl).toBe(`urn:uuid:${e.resource.id}`);
  });
});
