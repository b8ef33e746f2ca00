import { describe, expect, it } from 'vitest';
import { toPassport, type PassportRow } from './passport-view.ts';

const USER = '9a1c4f3e-0000-4000-8000-000000000001';
const row = (id: number, entry: string, fields: Partial<PassportRow>): PassportRow => ({
  id,
  entry_id: entry,
  patient_id: 'p',
  section: 'diagnosis',
  change: 'recorded',
  data: JSON.stringify({ icd10: 'N18.5', description: 'CKD 5' }),
  supersedes: null,
  reason: null,
  recorded_by: USER,
  recorded_at: 1_000 * id,
  recorded_by_name: 'Dr A',
  ...fields,
});

describe('the passport in force', () => {
  it('groups current versions by section, leaves out ended entries, dates each entry from its first version', () => {
    const passport = toPassport(
      'p',
      [
        row(2, 'e-reg', { section: 'registration', data: JSON.stringify({ clinic: 'Polyclinic 4', districtDoctor: 'Dr B' }) }),
        row(5, 'e-dx', { change: 'corrected', supersedes: 1, data: JSON.stringify({ icd10: 'N18.4', description: 'CKD 4' }) }),
        row(6, 'e-old', { change: 'ended', supersedes: 3, data: null, reason: 'entered in error' }),
        row(4, 'e-ent', { section: 'entitlement', data: JSON.stringify({ kind: 'medicine', name: 'Tacrolimus' }) }),
      ],
      new Map([['e-dx', 1_000]]),
    );
    expect(passport.registration).toMatchObject({ entryId: 'e-reg', data: { clinic: 'Polyclinic 4' } });
    expect(passport.diagnoses).toEqual([
      {
        section: 'diagnosis',
        data: { icd10: 'N18.4', description: 'CKD 4' },
        entryId: 'e-dx',
        version: 5,
        recordedAt: new Date(5_000).toISOString(),
        recordedBy: USER,
        recordedByName: 'Dr A',
        firstRecordedAt: new Date(1_000).toISOString(),
      },
    ]);
    expect(passport.entitlements.map((e) => e.entryId)).toEqual(['e-ent']);
    expect([passport.prescriptions, passport.hospitalisations, passport.sickLeaves, passport.dispensary]).toEqual([[], [], [], []]);
  });

  it('has no registration when there is none', () => {
    expect(toPassport('p', [], new Map()).registration).toBeNull();
  });
});
