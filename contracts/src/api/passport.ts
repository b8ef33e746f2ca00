import { z } from 'zod';

/**
 * The electronic health passport of a patient (Densaulyk programme, ../shared/seeds/ 000): registered clinic and
 * district doctor, diagnoses (ICD-10), prescriptions and the dispensing pharmacy, hospitalisations and the referring
 * organisation, sick-leave certificates, dispensary registration, free services and medicines.
 *
 * Nothing is ever deleted or rewritten: an entry has versions; a clinician corrects or ends it by superseding its
 * current version with a new one that records who, when and why. Free text is stored as given (the dashboard renders
 * text, never HTML), bounded in length.
 */

export const PASSPORT_SECTIONS = [
  'registration',
  'diagnosis',
  'prescription',
  'hospitalisation',
  'sick_leave',
  'dispensary',
  'entitlement',
] as const;
export type PassportSection = (typeof PASSPORT_SECTIONS)[number];

/** Sections with at most one current entry: a new one must supersede the current one. */
export const SINGLE_ENTRY_SECTIONS: readonly PassportSection[] = ['registration'];

/**
 * WHO ICD-10: a letter and two digits (the three-character category, e.g. `N18`), optionally a dot and the
 * fourth-character subdivision (`N18.5`); a fifth character exists in some chapters and national modifications.
 * Lower case is accepted and stored upper case.
 */
export const ICD10_PATTERN = /^[A-Z][0-9]{2}(?:\.[0-9A-Z]{1,2})?$/;
export const icd10Schema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(ICD10_PATTERN, 'an ICD-10 code: a letter, two digits, optionally a dot and one or two characters (N18.5, Z94.0)');

const name = z.string().trim().min(1).max(200);
const note = z.string().trim().min(1).max(1000);
const day = z.iso.date();

/** `a` is not after `b` (both YYYY-MM-DD), or one of them is unknown. */
const ordered = (a: string | undefined, b: string | undefined): boolean => a === undefined || b === undefined || a <= b;

export const registrationDataSchema = z.object({
  /** the polyclinic the patient is registered with */
  clinic: name,
  /** the district (uchastok) doctor's full name */
  districtDoctor: name,
  since: day.optional(),
});

export const diagnosisDataSchema = z.object({
  icd10: icd10Schema,
  description: note,
  diagnosedOn: day.optional(),
});

export const prescriptionDataSchema = z
  .object({
    medicine: name,
    dosage: z.string().trim().min(1).max(500).optional(),
    issuedOn: day,
    /** the pharmacy that dispensed it; absent until dispensed */
    pharmacy: name.optional(),
    dispensedOn: day.optional(),
  })
  .refine((p) => ordered(p.issuedOn, p.dispensedOn), { message: 'dispensedOn cannot be before issuedOn', path: ['dispensedOn'] });

export const hospitalisationDataSchema = z
  .object({
    hospital: name,
    /** the organisation that referred the patient (planned hospitalisation) */
    referredBy: name.optional(),
    planned: z.boolean(),
    admittedOn: day,
    dischargedOn: day.optional(),
    diagnosisIcd10: icd10Schema.optional(),
  })
  .refine((h) => ordered(h.admittedOn, h.dischargedOn), { message: 'dischargedOn cannot be before admittedOn', path: ['dischargedOn'] });

export const sickLeaveDataSchema = z
  .object({
    certificateNumber: z.string().trim().min(1).max(64),
    from: day,
    to: day.optional(),
  })
  .refine((s) => ordered(s.from, s.to), { message: '`to` cannot be before `from`', path: ['to'] });

/** The dispensary (follow-up) register for a chronic condition. */
export const dispensaryDataSchema = z
  .object({
    icd10: icd10Schema,
    registeredOn: day,
    removedOn: day.optional(),
  })
  .refine((d) => ordered(d.registeredOn, d.removedOn), { message: 'removedOn cannot be before registeredOn', path: ['removedOn'] });

/** A service or medicine the patient may get free of charge, and on what basis. */
export const entitlementDataSchema = z.object({
  kind: z.enum(['service', 'medicine']),
  name,
  basis: note.optional(),
});

export const PASSPORT_DATA_SCHEMAS = {
  registration: registrationDataSchema,
  diagnosis: diagnosisDataSchema,
  prescription: prescriptionDataSchema,
  hospitalisation: hospitalisationDataSchema,
  sick_leave: sickLeaveDataSchema,
  dispensary: dispensaryDataSchema,
  entitlement: entitlementDataSchema,
} as const satisfies Record<PassportSection, z.ZodType>;

export type PassportData<S extends PassportSection = PassportSection> = z.infer<(typeof PASSPORT_DATA_SCHEMAS)[S]>;

const sectionAnd = <S extends PassportSection, Extra extends z.ZodRawShape>(section: S, extra: Extra) =>
  z.object({ section: z.literal(section), data: PASSPORT_DATA_SCHEMAS[section], ...extra });

/** `POST /patients/{id}/passport/entries`: a new entry in one section. */
export const newPassportEntryRequestSchema = z.discriminatedUnion('section', [
  sectionAnd('registration', {}),
  sectionAnd('diagnosis', {}),
  sectionAnd('prescription', {}),
  sectionAnd('hospitalisation', {}),
  sectionAnd('sick_leave', {}),
  sectionAnd('dispensary', {}),
  sectionAnd('entitlement', {}),
]);
export type NewPassportEntryRequest = z.infer<typeof newPassportEntryRequestSchema>;

/** Why an entry was corrected or ended: kept in its history. */
const reasonSchema = z.string().trim().min(3).max(500);
/** the version being replaced, when the client wants to be told (409) that someone changed the entry meanwhile */
const expectedVersion = z.number().int().positive().optional();

/**
 * `POST /patients/{id}/passport/entries/{entryId}/supersede`: either the corrected data (with the entry's section),
 * or `ended: true` when the entry no longer applies or was entered in error. Both need a reason.
 */
export const supersedePassportEntryRequestSchema = z.union([
  z.discriminatedUnion('section', [
    sectionAnd('registration', { reason: reasonSchema, version: expectedVersion }),
    sectionAnd('diagnosis', { reason: reasonSchema, version: expectedVersion }),
    sectionAnd('prescription', { reason: reasonSchema, version: expectedVersion }),
    sectionAnd('hospitalisation', { reason: reasonSchema, version: expectedVersion }),
    sectionAnd('sick_leave', { reason: reasonSchema, version: expectedVersion }),
    sectionAnd('dispensary', { reason: reasonSchema, version: expectedVersion }),
    sectionAnd('entitlement', { reason: reasonSchema, version: expectedVersion }),
  ]),
  z.object({ ended: z.literal(true), reason: reasonSchema, version: expectedVersion }),
]);
export type SupersedePassportEntryRequest = z.infer<typeof supersedePassportEntryRequestSchema>;

/** How a version came about. */
export const PASSPORT_CHANGES = ['recorded', 'corrected', 'ended'] as const;
export type PassportChange = (typeof PASSPORT_CHANGES)[number];

const versionFields = {
  /** stable across versions */
  entryId: z.uuid(),
  /** this version; grows with every change of any entry */
  version: z.number().int().positive(),
  recordedAt: z.iso.datetime(),
  recordedBy: z.uuid(),
  recordedByName: z.string(),
};

const currentEntry = <S extends PassportSection>(section: S) =>
  z.object({
    section: z.literal(section),
    data: PASSPORT_DATA_SCHEMAS[section],
    ...versionFields,
    /** when the entry was first recorded (its first version) */
    firstRecordedAt: z.iso.datetime(),
  });

/** `GET /patients/{id}/passport` and `GET /me/passport`: the entries in force (not ended), oldest first. */
export const passportSchema = z.object({
  patientId: z.uuid(),
  registration: currentEntry('registration').nullable(),
  diagnoses: z.array(currentEntry('diagnosis')),
  prescriptions: z.array(currentEntry('prescription')),
  hospitalisations: z.array(currentEntry('hospitalisation')),
  sickLeaves: z.array(currentEntry('sick_leave')),
  dispensary: z.array(currentEntry('dispensary')),
  entitlements: z.array(currentEntry('entitlement')),
});
export type Passport = z.infer<typeof passportSchema>;
export type PassportEntry<S extends PassportSection = PassportSection> = z.infer<ReturnType<typeof currentEntry<S>>>;

/** One version in the passport's history; `data` is null for `ended`. */
export const passportVersionSchema = z.object({
  section: z.enum(PASSPORT_SECTIONS),
  change: z.enum(PASSPORT_CHANGES),
  /** the section's data (see the entry schemas); null when the entry was ended */
  data: z.record(z.string(), z.unknown()).nullable(),
  /** the version this one replaces; null for the first */
  supersedes: z.number().int().positive().nullable(),
  reason: z.string().nullable(),
  ...versionFields,
});
export type PassportVersion = z.infer<typeof passportVersionSchema>;

export const passportHistorySchema = z.object({ patientId: z.uuid(), versions: z.array(passportVersionSchema) });
export type PassportHistory = z.infer<typeof passportHistorySchema>;

/** The response of a write: the entry's version just recorded. */
export const passportWriteResponseSchema = passportVersionSchema;
