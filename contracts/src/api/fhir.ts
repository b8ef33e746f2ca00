import { z } from 'zod';

/**
 * The subset of HL7 FHIR R4 (4.0.1) that `GET /patients/{id}/fhir` produces: a `collection` Bundle with the
 * Patient, vital-signs Observations (FHIR vital-signs profile; LOINC codes, UCUM units) and the passport's diagnoses
 * as ICD-10 Conditions. Served as `application/fhir+json`.
 */

export const FHIR_MEDIA_TYPE = 'application/fhir+json';
export const FHIR_SYSTEMS = {
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
} as const;

export const fhirExportQuerySchema = z.object({
  /** ISO 8601; default: 30 days before `to` */
  from: z.iso.datetime({ offset: true }).optional(),
  /** ISO 8601; default: now */
  to: z.iso.datetime({ offset: true }).optional(),
  /** most readings exported (the earliest ones) */
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
});

const coding = z.object({ system: z.string(), code: z.string(), display: z.string().optional() });
const codeableConcept = z.object({ coding: z.array(coding), text: z.string().optional() });
const reference = z.object({
  reference: z.string().optional(),
  identifier: z.object({ system: z.string().optional(), value: z.string() }).optional(),
  display: z.string().optional(),
});
const quantity = z.object({ value: z.number(), unit: z.string(), system: z.string(), code: z.string() });

export const fhirPatientSchema = z.object({
  resourceType: z.literal('Patient'),
  id: z.string(),
  name: z.array(z.object({ text: z.string() })),
  gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
  birthDate: z.string().optional(),
});

export const fhirObservationSchema = z.object({
  resourceType: z.literal('Observation'),
  id: z.string(),
  status: z.literal('final'),
  category: z.array(codeableConcept),
  code: codeableConcept,
  subject: reference,
  /** the measurement time */
  effectiveDateTime: z.string(),
  /** when the platform received it */
  issued: z.string().optional(),
  device: reference.optional(),
  valueQuantity: quantity.optional(),
  /** blood pressure: systolic and diastolic */
  component: z.array(z.object({ code: codeableConcept, valueQuantity: quantity })).optional(),
});

export const fhirConditionSchema = z.object({
  resourceType: z.literal('Condition'),
  id: z.string(),
  clinicalStatus: codeableConcept,
  verificationStatus: codeableConcept,
  category: z.array(codeableConcept),
  code: codeableConcept,
  subject: reference,
  recordedDate: z.string().optional(),
});

export const fhirResourceSchema = z.discriminatedUnion('resourceType', [fhirPatientSchema, fhirObservationSchema, fhirConditionSchema]);

export const fhirBundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  id: z.string(),
  type: z.literal('collection'),
  timestamp: z.string(),
  entry: z.array(z.object({ fullUrl: z.string(), resource: fhirResourceSchema })),
});

export type FhirPatient = z.infer<typeof fhirPatientSchema>;
export type FhirObservation = z.infer<typeof fhirObservationSchema>;
export type FhirCondition = z.infer<typeof fhirConditionSchema>;
export type FhirResource = z.infer<typeof fhirResourceSchema>;
export type FhirBundle = z.infer<typeof fhirBundleSchema>;
