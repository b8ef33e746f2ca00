import { describe, expect, it } from 'vitest';
import { fieldInput, readPassportForm } from './passport-form.ts';

describe('readPassportForm', () => {
  it.each([
    {
      name: 'a diagnosis with its ICD-10 code upper-cased and an empty optional date left out',
      section: 'diagnosis',
      values: { icd10: ' n18.5 ', description: 'CKD stage 5', diagnosedOn: '' },
      request: { section: 'diagnosis', data: { icd10: 'N18.5', description: 'CKD stage 5' } },
    },
    {
      name: 'a planned hospitalisation',
      section: 'hospitalisation',
      values: { hospital: 'City Hospital 7', planned: true, admittedOn: '2026-11-02' },
      request: { section: 'hospitalisation', data: { hospital: 'City Hospital 7', planned: true, admittedOn: '2026-11-02' } },
    },
    {
      name: 'an emergency hospitalisation: the unticked box is "false", not missing',
      section: 'hospitalisation',
      values: { hospital: 'City Hospital 7', admittedOn: '2026-11-02' },
      request: { section: 'hospitalisation', data: { hospital: 'City Hospital 7', planned: false, admittedOn: '2026-11-02' } },
    },
    {
      name: 'an entitlement defaults to a service',
      section: 'entitlement',
      values: { name: 'Dialysis' },
      request: { section: 'entitlement', data: { kind: 'service', name: 'Dialysis' } },
    },
  ] as const)('$name', ({ section, values, request }) => {
    expect(readPassportForm(section, values)).toEqual({ ok: true, request });
  });

  it.each([
    { name: 'missing required text', section: 'diagnosis', values: { icd10: 'N18' }, fields: ['description'] },
    { name: 'a malformed ICD-10 code', section: 'diagnosis', values: { icd10: '18.5', description: 'CKD' }, fields: ['icd10'] },
    {
      name: 'discharged before admitted',
      section: 'hospitalisation',
      values: { hospital: 'H', admittedOn: '2026-11-05', dischargedOn: '2026-11-01' },
      fields: ['dischargedOn'],
    },
    { name: 'nothing typed, in form order', section: 'registration', values: {}, fields: ['clinic', 'districtDoctor'] },
  ] as const)('refuses $name', ({ section, values, fields }) => {
    expect(readPassportForm(section, values)).toEqual({ ok: false, fields });
  });
});

describe('fieldInput', () => {
  it.each([
    ['admittedOn', 'date'],
    ['planned', 'flag'],
    ['kind', 'kind'],
    ['icd10', 'text'],
  ] as const)('%s → %s', (field, input) => {
    expect(fieldInput(field)).toBe(input);
  });
});
