import { z } from 'zod';
import { ALERT_STATUSES } from '../alerts/alert.ts';
import { createUserRequestSchema } from './auth.ts';
import { PASSPORT_SECTIONS } from './passport.ts';

/**
 * The patient portal (`/api/v1/me/…`): a patient reads their own passport, vitals, alerts, devices and who accessed
 * their record, and asks their care team to correct the passport. They can change nothing else.
 */

/** `POST /patients/{id}/portal-user` (admin): the patient's own login, linked to their record. */
export const createPortalUserRequestSchema = createUserRequestSchema.pick({ username: true, password: true, displayName: true });
export type CreatePortalUserRequest = z.infer<typeof createPortalUserRequestSchema>;

export const portalAlertsQuerySchema = z.object({
  /** default: every alert, newest first */
  status: z.enum([...ALERT_STATUSES, 'active', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const accessLogQuerySchema = z.object({
  /** ISO 8601; default: 30 days before `to` */
  from: z.iso.datetime({ offset: true }).optional(),
  /** ISO 8601; default: now */
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/**
 * One access to the patient's record by someone else: who (name and role), what, how, when, and whether it was
 * allowed. Audit details are left out: they may name other patients.
 */
export const accessLogEntrySchema = z.object({
  at: z.iso.datetime(),
  /** null: the platform itself */
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  channel: z.string(),
  outcome: z.string(),
});
export const accessLogResponseSchema = z.object({ entries: z.array(accessLogEntrySchema) });
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;

/** The patient reports an error in the passport (the beta's "call 1414", as a request routed to the care team). */
export const correctionRequestSchema = z.object({
  section: z.enum(PASSPORT_SECTIONS),
  /** the entry that is wrong; omitted when something is missing */
  entryId: z.uuid().optional(),
  message: z.string().trim().min(3).max(2000),
});
export type CorrectionRequest = z.infer<typeof correctionRequestSchema>;

export const CORRECTION_STATUSES = ['open', 'accepted', 'rejected', 'done'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

/** `POST /corrections/{id}/status`: a clinician of the patient's team answers. */
export const correctionStatusRequestSchema = z.object({
  status: z.enum(['accepted', 'rejected', 'done']),
  note: z.string().trim().min(1).max(1000),
});
export type CorrectionStatusRequest = z.infer<typeof correctionStatusRequestSchema>;

export const correctionSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  section: z.enum(PASSPORT_SECTIONS),
  entryId: z.uuid().nullable(),
  message: z.string(),
  createdAt: z.iso.datetime(),
  status: z.enum(CORRECTION_STATUSES),
  /** every answer, oldest first */
  history: z.array(
    z.object({
      status: z.enum(CORRECTION_STATUSES),
      note: z.string(),
      at: z.iso.datetime(),
      byName: z.string(),
    }),
  ),
});
export type Correction = z.infer<typeof correctionSchema>;
export const correctionsResponseSchema = z.object({ corrections: z.array(correctionSchema) });

/** `GET /audit` (admin): the audit log, newest first. */
export const auditQuerySchema = z.object({
  patientId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  patientId: z.string().nullable(),
  action: z.string(),
  channel: z.string(),
  outcome: z.string(),
  detail: z.string().nullable(),
});
export const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema) });
export type AuditEntry = z.infer<typeof auditEntrySchema>;
