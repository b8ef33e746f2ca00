import { z } from 'zod';
import { VITAL_TYPES } from '../vitals/catalogue.ts';

/** IEC 60601-1-8 alarm priorities: high (red, immediate), medium (yellow, prompt), low (cyan, awareness). */
export const ALERT_PRIORITIES = ['high', 'medium', 'low'] as const;
export type AlertPriority = (typeof ALERT_PRIORITIES)[number];

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * An alert as the API and socket.io deliver it. Text shown to people is not in here: the dashboard renders
 * `ruleId` and `params` in the reader's language.
 */
export const alertSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  ruleId: z.string(),
  priority: z.enum(ALERT_PRIORITIES),
  status: z.enum(ALERT_STATUSES),
  readingType: z.enum(VITAL_TYPES),
  /** the triggering value(s) in canonical units, e.g. {"value": 88} or {"systolic": 190, "diastolic": 125} */
  params: z.record(z.string(), z.number()),
  /** measurement time of the triggering reading (ISO 8601) */
  measuredAt: z.iso.datetime(),
  /** when the gateway received the triggering reading */
  receivedAt: z.iso.datetime(),
  raisedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** how many readings have confirmed this alert since it was raised */
  occurrences: z.number().int().positive(),
  /** user id of who acknowledged */
  acknowledgedBy: z.string().nullable(),
  /** display name of who acknowledged */
  acknowledgedByName: z.string().nullable(),
  acknowledgedAt: z.iso.datetime().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;
