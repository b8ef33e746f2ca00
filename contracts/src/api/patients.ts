import { z } from 'zod';
import { PROGRAMME_IDS, SPO2_TARGETS } from './clinical.ts';

export const createPatientRequestSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** YYYY-MM-DD */
  birthDate: z.iso.date().optional(),
  sex: z.enum(['female', 'male', 'other', 'unknown']).optional(),
  /** care team that follows the patient; a clinician's own first team when omitted */
  teamId: z.uuid().optional(),
  /** programme enrolment (also `PUT /patients/{id}/programs`); none = the general NEWS2 pack */
  programs: z.array(z.enum(PROGRAMME_IDS)).max(PROGRAMME_IDS.length).optional(),
  spo2Target: z.enum(SPO2_TARGETS).optional(),
});
export type CreatePatientRequest = z.infer<typeof createPatientRequestSchema>;

export const patientSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  birthDate: z.string().nullable(),
  sex: z.string().nullable(),
  teamIds: z.array(z.uuid()),
  programs: z.array(z.enum(PROGRAMME_IDS)),
  spo2Target: z.enum(SPO2_TARGETS),
  createdAt: z.iso.datetime(),
});
export type Patient = z.infer<typeof patientSchema>;

export const createDeviceRequestSchema = z.object({
  model: z.string().min(1).max(64).optional(),
});

export const createDeviceResponseSchema = z.object({
  deviceId: z.string(),
  /** shown only in this response; stored as an argon2id hash */
  secret: z.string(),
});
export type CreateDeviceResponse = z.infer<typeof createDeviceResponseSchema>;

export const deviceSchema = z.object({
  deviceId: z.string(),
  patientId: z.uuid(),
  model: z.string().nullable(),
  active: z.boolean(),
  registeredAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime().nullable(),
  online: z.boolean(),
  battery: z.number().nullable(),
  firmware: z.string().nullable(),
  /** device clock minus gateway clock at the last status message, ms */
  clockOffsetMs: z.number().nullable(),
});
export type Device = z.infer<typeof deviceSchema>;
