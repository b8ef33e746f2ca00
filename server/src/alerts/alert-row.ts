import type { Kysely } from 'kysely';
import type { Alert } from '@rpm/contracts';
import type { AlertsTable, Database } from '../db/schema.ts';

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export type AlertRow = AlertsTable & {
  patient_name: string;
  acknowledged_by_name: string | null;
  assigned_to_name: string | null;
  resolved_by_name: string | null;
};

/** Alerts with the names the dashboard shows (patient, who acknowledged, who is assigned, who resolved). */
export function selectAlerts(db: Kysely<Database>) {
  return db
    .selectFrom('alerts')
    .innerJoin('patients', 'patients.id', 'alerts.patient_id')
    .leftJoin('users as ack', 'ack.id', 'alerts.acknowledged_by')
    .leftJoin('users as assignee', 'assignee.id', 'alerts.assigned_to')
    .leftJoin('users as resolver', 'resolver.id', 'alerts.resolved_by')
    .selectAll('alerts')
    .select([
      'patients.name as patient_name',
      'ack.display_name as acknowledged_by_name',
      'assignee.display_name as assigned_to_name',
      'resolver.display_name as resolved_by_name',
    ]);
}

export const toAlert = (r: AlertRow): Alert => ({
  id: r.id,
  patientId: r.patient_id,
  patientName: r.patient_name,
  ruleId: r.rule_id,
  priority: r.priority,
  status: r.status,
  readingType: r.reading_type,
  params: JSON.parse(r.params) as Record<string, number>,
  measuredAt: iso(r.measured_at),
  receivedAt: iso(r.received_at),
  raisedAt: iso(r.raised_at),
  updatedAt: iso(r.updated_at),
  backfilled: r.backfilled === 1,
  dataAgeMs: r.data_age_ms,
  deviceId: r.device_id,
  occurrences: r.occurrences,
  acknowledgedBy: r.acknowledged_by,
  acknowledgedByName: r.acknowledged_by_name,
  acknowledgedAt: isoOrNull(r.acknowledged_at),
  resolvedAt: isoOrNull(r.resolved_at),
  assignedTo: r.assigned_to,
  assignedToName: r.assigned_to_name,
  snoozedUntil: isoOrNull(r.snoozed_until),
  escalationTier: r.escalation_tier,
  escalatedAt: isoOrNull(r.escalated_at),
  resolvedBy: r.resolved_by,
  resolvedByName: r.resolved_by_name,
  resolution: r.resolution,
  resolutionNote: r.resolution_note,
});
