import {
  BLOOD_PRESSURE_COMPONENTS,
  FHIR_SYSTEMS,
  VITALS,
  type FhirBundle,
  type FhirCondition,
  type FhirObservation,
  type FhirPatient,
  type Patient,
  type PassportEntry,
  type VitalPoint,
  type VitalType,
} from '@rpm/contracts';
import { nameUuid } from './name-uuid.ts';

/**
 * Pure mapping of a patient, their readings and their passport diagnoses to a FHIR R4 `collection` Bundle.
 * Vital signs follow the FHIR R4 vital-signs profile (http://hl7.org/fhir/R4/observation-vitalsigns.html): category
 * `vital-signs`, a LOINC code, valueQuantity in UCUM; blood pressure is the 85354-9 panel with its 8480-6 and 8462-4
 * components and no value of its own. References resolve inside the Bundle through `urn:uuid:` full URLs.
 */

/** LOINC display names (LOINC long common names / FHIR vital-signs profile). */
const LOINC_DISPLAY: Readonly<Record<string, string>> = {
  '8867-4': 'Heart rate',
  '2708-6': 'Oxygen saturation in Arterial blood',
  '59408-5': 'Oxygen saturation in Arterial blood by Pulse oximetry',
  '9279-1': 'Respiratory rate',
  '8310-5': 'Body temperature',
  '85354-9': 'Blood pressure panel with all children optional',
  '8480-6': 'Systolic blood pressure',
  '8462-4': 'Diastolic blood pressure',
  '29463-7': 'Body weight',
  '14743-9': 'Glucose [Moles/volume] in Capillary blood by Glucometer',
};

const loinc = (code: string) => ({ system: FHIR_SYSTEMS.loinc, code, display: LOINC_DISPLAY[code] ?? code });
const ucum = (value: number, unit: string) => ({ value, unit, system: FHIR_SYSTEMS.ucum, code: unit });
const urn = (id: string): string => `urn:uuid:${id}`;

const VITAL_SIGNS_CATEGORY = [
  { coding: [{ system: FHIR_SYSTEMS.observationCategory, code: 'vital-signs', display: 'Vital Signs' }], text: 'Vital Signs' },
];

const GENDERS = new Set(['male', 'female', 'other', 'unknown']);

export function fhirPatient(patient: Patient): FhirPatient {
  return {
    resourceType: 'Patient',
    id: patient.id,
    name: [{ text: patient.name }],
    ...(patient.sex !== null && GENDERS.has(patient.sex) ? { gender: patient.sex as FhirPatient['gender'] } : {}),
    ...(patient.birthDate === null ? {} : { birthDate: patient.birthDate }),
  };
}

/** Codings of a vital: SpO2 from a home pulse oximeter also carries 59408-5 (REFERENCE.md §3). */
function codingsOf(type: VitalType) {
  const primary = loinc(VITALS[type].loinc);
  return type === 'spo2' ? [primary, loinc('59408-5')] : [primary];
}

/** One reading as a vital-signs Observation; undefined when the point lacks its value(s). */
export function vitalObservation(patientId: string, point: VitalPoint): FhirObservation | undefined {
  const def = VITALS[point.type];
  const base = {
    resourceType: 'Observation' as const,
    id: nameUuid(`observation|${patientId}|${point.deviceId}|${point.type}|${point.at}`),
    status: 'final' as const,
    category: VITAL_SIGNS_CATEGORY,
    code: { coding: codingsOf(point.type), text: LOINC_DISPLAY[def.loinc] ?? point.type },
    subject: { reference: urn(patientId) },
    effectiveDateTime: point.at,
    ...(point.receivedAt === undefined ? {} : { issued: point.receivedAt }),
    device: { identifier: { value: point.deviceId } },
  };
  if (point.type === 'blood_pressure') {
    if (point.systolic === undefined || point.diastolic === undefined) return undefined;
    return {
      ...base,
      component: [
        { code: { coding: [loinc(BLOOD_PRESSURE_COMPONENTS.systolic.loinc)] }, valueQuantity: ucum(point.systolic, def.unit) },
        { code: { coding: [loinc(BLOOD_PRESSURE_COMPONENTS.diastolic.loinc)] }, valueQuantity: ucum(point.diastolic, def.unit) },
      ],
    };
  }
  if (point.value === undefined) return undefined;
  return { ...base, valueQuantity: ucum(point.value, def.unit) };
}

/** A current passport diagnosis as an active, confirmed Condition coded in ICD-10. */
export function diagnosisCondition(patientId: string, entry: PassportEntry<'diagnosis'>): FhirCondition {
  return {
    resourceType: 'Condition',
    id: entry.entryId,
    clinicalStatus: { coding: [{ system: FHIR_SYSTEMS.conditionClinical, code: 'active' }] },
    verificationStatus: { coding: [{ system: FHIR_SYSTEMS.conditionVerification, code: 'confirmed' }] },
    category: [{ coding: [{ system: FHIR_SYSTEMS.conditionCategory, code: 'problem-list-item', display: 'Problem List Item' }] }],
    code: { coding: [{ system: FHIR_SYSTEMS.icd10, code: entry.data.icd10 }], text: entry.data.description },
    subject: { reference: urn(patientId) },
    recordedDate: entry.data.diagnosedOn ?? entry.firstRecordedAt,
  };
}

export interface BundleInput {
  readonly patient: Patient;
  readonly readings: readonly VitalPoint[];
  readonly diagnoses: readonly PassportEntry<'diagnosis'>[];
  readonly bundleId: string;
  /** epoch ms */
  readonly now: number;
}

export function fhirBundle(input: BundleInput): FhirBundle {
  const { patient } = input;
  const resources = [
    fhirPatient(patient),
    ...input.readings.flatMap((p) => vitalObservation(patient.id, p) ?? []),
    ...input.diagnoses.map((d) => diagnosisCondition(patient.id, d)),
  ];
  return {
    resourceType: 'Bundle',
    id: input.bundleId,
    type: 'collection',
    timestamp: new Date(input.now).toISOString(),
    entry: resources.map((resource) => ({ fullUrl: urn(resource.id), resource })),
  };
}
