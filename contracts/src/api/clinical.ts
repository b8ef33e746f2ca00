import { z } from 'zod';

/** The care programmes a patient can be enrolled in; each is a versioned rule pack (server/src/rules/programmes.ts). */
export const PROGRAMME_IDS = [
  'kidney_transplant',
  'liver_transplant',
  'heart_transplant',
  'heart_failure',
  'hypertension',
  'copd',
  'diabetes',
  'news2_general',
] as const;
export type ProgrammeId = (typeof PROGRAMME_IDS)[number];

/** Prescribed SpO2 target range (BTS 2017); '88-92' selects NEWS2 SpO2 scale 2. */
export const SPO2_TARGETS = ['94-98', '88-92'] as const;
export type Spo2Target = (typeof SPO2_TARGETS)[number];

/** ACVPU (NEWS2): Alert, new Confusion, Voice, Pain, Unresponsive. */
export const CONSCIOUSNESS_LEVELS = ['A', 'C', 'V', 'P', 'U'] as const;
export type Consciousness = (typeof CONSCIOUSNESS_LEVELS)[number];

/** The programme enrolment of a patient: `PUT /api/v1/patients/{id}/programs`, also accepted in `POST /patients`. */
export const setProgrammesRequestSchema = z.object({
  /** no programme = the general NEWS2 pack */
  programs: z.array(z.enum(PROGRAMME_IDS)).max(PROGRAMME_IDS.length),
  /** an explicit prescription; null returns to the programmes' default */
  spo2Target: z.enum(SPO2_TARGETS).nullable().optional(),
});
export type SetProgrammesRequest = z.infer<typeof setProgrammesRequestSchema>;

export const programmesSchema = z.object({
  programs: z.array(z.enum(PROGRAMME_IDS)),
  /** the target in force (explicit, or the programmes' default) */
  spo2Target: z.enum(SPO2_TARGETS),
  spo2TargetExplicit: z.boolean(),
});
export type Programmes = z.infer<typeof programmesSchema>;

export const NEWS2_RISKS = ['low', 'low-medium', 'medium', 'high'] as const;
export const NEWS2_PARAMETERS = [
  'respiratory_rate',
  'spo2',
  'air_or_oxygen',
  'systolic_bp',
  'pulse',
  'consciousness',
  'temperature',
] as const;

/** `GET /api/v1/patients/{id}/news2`: RCP NEWS2 (2017) from the patient's latest readings. */
export const news2ResponseSchema = z.object({
  score: z.number().int().min(0),
  risk: z.enum(NEWS2_RISKS),
  /** a parameter is missing: the score is a lower bound, never "normal" */
  partial: z.boolean(),
  missing: z.array(z.enum(NEWS2_PARAMETERS)),
  /** SpO2 scale: 2 when the patient's prescribed target is 88–92 % */
  scale: z.union([z.literal(1), z.literal(2)]),
  parameters: z.array(
    z.object({
      name: z.enum(NEWS2_PARAMETERS),
      value: z.union([z.number(), z.string()]).nullable(),
      score: z.number().int().nullable(),
      /** measurement time (ISO 8601) */
      at: z.iso.datetime().nullable(),
    }),
  ),
  computedAt: z.iso.datetime(),
});
export type News2Response = z.infer<typeof news2ResponseSchema>;

/** `PUT /api/v1/patients/{id}/thresholds`: a clinician's per-patient value for one rule parameter. */
export const setThresholdRequestSchema = z.object({
  ruleId: z.string().min(1).max(64),
  param: z.string().min(1).max(64),
  /** null removes the override (back to the programme's default) */
  value: z.number().nullable(),
  /** why: recorded with who and when, shown with the patient */
  reason: z.string().trim().min(3).max(500),
});
export type SetThresholdRequest = z.infer<typeof setThresholdRequestSchema>;

export const thresholdSchema = z.object({
  ruleId: z.string(),
  param: z.string(),
  value: z.number(),
  defaultValue: z.number(),
  unit: z.string(),
  overridden: z.boolean(),
  /** citation of the default */
  source: z.string(),
  /** the override in force: who set it, when and why */
  override: z.object({ setBy: z.string(), setByName: z.string(), setAt: z.iso.datetime(), reason: z.string() }).nullable(),
});
export const thresholdsResponseSchema = z.object({ thresholds: z.array(thresholdSchema) });
export type Threshold = z.infer<typeof thresholdSchema>;

/** One change of an override, in the patient's threshold history. */
export const thresholdChangeSchema = z.object({
  ruleId: z.string(),
  param: z.string(),
  value: z.number().nullable(),
  reason: z.string(),
  setBy: z.string(),
  setByName: z.string(),
  setAt: z.iso.datetime(),
});
export const thresholdHistoryResponseSchema = z.object({ changes: z.array(thresholdChangeSchema) });

/** `POST /api/v1/patients/{id}/observations`: a clinician's observation the devices cannot make. */
export const observationRequestSchema = z.object({
  type: z.literal('consciousness'),
  value: z.enum(CONSCIOUSNESS_LEVELS),
  /** when it was observed (ISO 8601 with offset); now when omitted */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type ObservationRequest = z.infer<typeof observationRequestSchema>;
