import type { Passport, PassportEntry, PassportSection } from '@rpm/contracts';

/** Where each section's entries live in the passport, in the order the portal shows them. */
export const PASSPORT_SECTION_ORDER: readonly PassportSection[] = [
  'registration',
  'diagnosis',
  'dispensary',
  'prescription',
  'hospitalisation',
  'sick_leave',
  'entitlement',
];

/** The section's data fields, in display order (contracts/src/api/passport.ts). */
export const PASSPORT_FIELDS = {
  registration: ['clinic', 'districtDoctor', 'since'],
  diagnosis: ['icd10', 'description', 'diagnosedOn'],
  prescription: ['medicine', 'dosage', 'issuedOn', 'pharmacy', 'dispensedOn'],
  hospitalisation: ['hospital', 'planned', 'referredBy', 'admittedOn', 'dischargedOn', 'diagnosisIcd10'],
  sick_leave: ['certificateNumber', 'from', 'to'],
  dispensary: ['icd10', 'registeredOn', 'removedOn'],
  entitlement: ['kind', 'name', 'basis'],
} as const satisfies Record<PassportSection, readonly string[]>;

export type PassportField = (typeof PASSPORT_FIELDS)[PassportSection][number];

/** The entries in force of one section. */
export function sectionEntries(passport: Passport, section: PassportSection): PassportEntry[] {
  switch (section) {
    case 'registration':
      return passport.registration === null ? [] : [passport.registration];
    case 'diagnosis':
      return passport.diagnoses;
    case 'prescription':
      return passport.prescriptions;
    case 'hospitalisation':
      return passport.hospitalisations;
    case 'sick_leave':
      return passport.sickLeaves;
    case 'dispensary':
      return passport.dispensary;
    case 'entitlement':
      return passport.entitlements;
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2024-03-05" → "05.03.2024", as dates are written in Kazakhstan in kk and ru (and unambiguous in en). */
export function formatDay(day: string): string {
  const match = DAY.exec(day);
  return match === null ? day : `${match[3] ?? ''}.${match[2] ?? ''}.${match[1] ?? ''}`;
}

export type FieldValue = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'flag'; readonly value: boolean };

/** The fields that have a value of an entry (or of a version in its history), in display order; dates as DD.MM.YYYY. */
export function entryFields(entry: {
  readonly section: PassportSection;
  readonly data: PassportEntry['data'] | Readonly<Record<string, unknown>>;
}): { readonly field: PassportField; readonly value: FieldValue }[] {
  const data = entry.data as Readonly<Record<string, unknown>>;
  const out: { field: PassportField; value: FieldValue }[] = [];
  for (const field of PASSPORT_FIELDS[entry.section] as readonly PassportField[]) {
    const value = data[field];
    if (typeof value === 'boolean') out.push({ field, value: { kind: 'flag', value } });
    else if (typeof value === 'string' && value !== '')
      out.push({ field, value: { kind: 'text', text: DAY.test(value) ? formatDay(value) : value } });
  }
  return out;
}
