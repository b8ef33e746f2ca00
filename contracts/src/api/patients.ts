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

/** How far back an admin may date a device's registration, days (see `registeredAt` below; docs/devices.md). */
export const DEVICE_BACKDATE_MAX_DAYS = 30;

export const createDeviceRequestSchema = z.object({
  model: z.string().min(1).max(64).optional(),
  /**
   * Admins only: register the device as of this earlier time (ISO 8601 with offset), at most DEVICE_BACKDATE_MAX_DAYS
   * days ago and never in the future. The gateway accepts readings measured since then, e.g. those a device recorded at
   * home before it was enrolled, or a simulated cohort's history. Omitted: now.
   */
  registeredAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe(
      `Admins only. Register the device as of this earlier time (ISO 8601 with offset), at most ${DEVICE_BACKDATE_MAX_DAYS} days ago and ` +
        'never in the future; readings measured since then are accepted (a device that recorded at home before it was enrolled). ' +
        'Omitted: now.',
    ),
});
export type CreateDeviceRequest = z.infer<typeof createDeviceRequestSchema>;

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
