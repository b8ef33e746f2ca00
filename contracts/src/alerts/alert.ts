import { z } from 'zod';
import { VITAL_TYPES } from '../vitals/catalogue.ts';

/** IEC 60601-1-8 alarm priorities: high (red, immediate), medium (yellow, prompt), low (cyan, awareness). */
export const ALERT_PRIORITIES = ['high', 'medium', 'low'] as const;
export type AlertPriority = (typeof ALERT_PRIORITIES)[number];

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Escalation tiers of a care team: nurse → doctor → on-call. */
export const ESCALATION_TIERS = { nurse: 1, doctor: 2, on_call: 3 } as const;

/** What happened to an alert, in its history. */
export const ALERT_EVENT_KINDS = [
  'raised',
  'updated',
  'acknowledged',
  'assigned',
  'escalated',
  'snoozed',
  'unsnoozed',
  'resolved',
  'auto_resolved',
] as const;
export type AlertEventKind = (typeof ALERT_EVENT_KINDS)[number];

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
  /** the vital the rule watches, 'news2' for the aggregate score, 'device' for a device condition */
  readingType: z.enum([...VITAL_TYPES, 'news2', 'device']),
  /** the triggering value(s) in canonical units, e.g. {"value": 88} or {"systolic": 190, "diastolic": 125} */
  params: z.record(z.string(), z.number()),
  /** measurement time of the triggering reading (ISO 8601) */
  measuredAt: z.iso.datetime(),
  /** when the gateway received the triggering reading */
  receivedAt: z.iso.datetime(),
  raisedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** the triggering data arrived late (store-and-forward upload): the alert is about the past */
  backfilled: z.boolean(),
  /** age of the triggering data when the alert was raised or last updated, ms */
  dataAgeMs: z.number().int().min(0),
  /** device conditions: the device concerned */
  deviceId: z.string().nullable(),
  /** how many readings have confirmed this alert since it was raised */
  occurrences: z.number().int().positive(),
  /** user id of who acknowledged */
  acknowledgedBy: z.string().nullable(),
  /** display name of who acknowledged */
  acknowledgedByName: z.string().nullable(),
  acknowledgedAt: z.iso.datetime().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  /** the team member the alert is assigned to */
  assignedTo: z.string().nullable(),
  assignedToName: z.string().nullable(),
  /** hidden from the active queue and not escalated until then */
  snoozedUntil: z.iso.datetime().nullable(),
  /** who is expected to act: 1 nurse, 2 doctor, 3 on-call; rises when a high or medium alert is not acknowledged in time */
  escalationTier: z.number().int().min(1).max(3),
  escalatedAt: z.iso.datetime().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  /** manual: by a person, with a note; auto: the rule's clear condition held */
  resolution: z.enum(['manual', 'auto']).nullable(),
  resolutionNote: z.string().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

/** One transition in an alert's history (GET /api/v1/alerts/{id}/events). */
export const alertEventSchema = z.object({
  at: z.iso.datetime(),
  kind: z.enum(ALERT_EVENT_KINDS),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  detail: z.string().nullable(),
});
export type AlertEvent = z.infer<typeof alertEventSchema>;
