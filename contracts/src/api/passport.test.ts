import { describe, expect, it } from 'vitest';
import { icd10Schema, newPassportEntryRequestSchema, supersedePassportEntryRequestSchema } from './passport.ts';

describe('ICD-10 codes', () => {
  it.each([
    { input: 'N18.5', code: 'N18.5' },
    { input: 'Z94.0', code: 'Z94.0' },
    { input: 'I10', code: 'I10' },
    { input: ' e11.65 ', code: 'E11.65' },
    { input: 'U07.1', code: 'U07.1' },
    { input: 'N18.', fails: true },
    { input: 'N185', fails: true },
    { input: '18.5', fails: true },
    { input: 'NN8.5', fails: true },
    { input: 'N18.512', fails: true },
    { input: '<b>N18.5</b>', fails: true },
    { input: '', fails: true },
  ])('$input', ({ input, code, fails }) => {
    const parsed = icd10Schema.safeParse(input);
    expect(parsed.success).toBe(!fails);
    if (parsed.success) expect(parsed.data).toBe(code);
  });
});

describe('passport entry requests', () => {
  it.each([
    { body: { section: 'diagnosis', data: { icd10: 'N18.5', description: 'CKD stage 5' } } },
    { body: { section: 'registration', data: { clinic: 'Polyclinic No. 4, Astana', districtDoctor: 'A. Nurlanovna' } } },
    {
      body: { section: 'hospitalisation', data: { hospital: 'NSC', planned: true, admittedOn: '2026-01-10', dischargedOn: '2026-01-09' } },
      fails: true,
    },
    { body: { section: 'sick_leave', data: { certificateNumber: 'SL-1', from: '2026-01-10', to: '2026-01-20' } } },
    { body: { section: 'dispensary', data: { icd10: 'Z94.0', registeredOn: '2026-02-01', removedOn: '2026-01-01' } }, fails: true },
    { body: { section: 'entitlement', data: { kind: 'medicine', name: 'Tacrolimus' } } },
    { body: { section: 'entitlement', data: { kind: 'medicine', name: 'x'.repeat(201) } }, fails: true },
    { body: { section: 'prescription', data: { medicine: 'Tacrolimus', issuedOn: 'yesterday' } }, fails: true },
    { body: { section: 'diagnosis', data: { clinic: 'wrong section' } }, fails: true },
    { body: { section: 'allergy', data: {} }, fails: true },
  ])('$body.section fails=$fails', ({ body, fails }) => {
    expect(newPassportEntryRequestSchema.safeParse(body).success).toBe(!fails);
  });

  it('a supersede is corrected data of a section, or ended, always with a reason', () => {
    expect(supersedePassportEntryRequestSchema.safeParse({ ended: true, reason: 'entered in error' }).success).toBe(true);
    expect(supersedePassportEntryRequestSchema.safeParse({ ended: true }).success).toBe(false);
    expect(
      supersedePassportEntryRequestSchema.safeParse({
        section: 'diagnosis',
        data: { icd10: 'N18.4', description: 'CKD 4' },
        reason: 'restaged',
      }).success,
    ).toBe(true);
    expect(
      supersedePassportEntryRequestSchema.safeParse({ section: 'diagnosis', data: { icd10: 'N18.4', description: 'CKD 4' } }).success,
    ).toBe(false);
  });
});
