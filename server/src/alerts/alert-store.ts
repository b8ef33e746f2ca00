import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Alert, AlertPriority, AlertStatus, VitalType } from '@rpm/contracts';
import type { AlertsTable, Database } from '../db/schema.ts';

export interface AlertTrigger {
  readonly patientId: string;
  readonly ruleId: string;
  readonly priority: AlertPriority;
  readonly readingType: VitalType;
  readonly params: Readonly<Record<string, number>>;
  readonly measuredAt: number;
  readonly receivedAt: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

type AlertRow = AlertsTable & { patient_name: string; acknowledged_by_name: string | null };

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
  occurrences: r.occurrences,
  acknowledgedBy: r.acknowledged_by,
  acknowledgedByName: r.acknowledged_by_name,
  acknowledgedAt: isoOrNull(r.acknowledged_at),
  resolvedAt: isoOrNull(r.resolved_at),
});

export interface AlertFilter {
  readonly status: AlertStatus | 'active' | 'all';
  readonly patientId?: string | undefined;
  /** 'all' or the care teams whose patients' alerts may be listed */
  readonly teamIds: readonly string[] | 'all';
  readonly limit: number;
}

/** Persisted alerts. At most one active (not resolved) alert per patient and rule, enforced by a unique index. */
export class AlertStore {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  private select() {
    return this.db
      .selectFrom('alerts')
      .innerJoin('patients', 'patients.id', 'alerts.patient_id')
      .leftJoin('users', 'users.id', 'alerts.acknowledged_by')
      .selectAll('alerts')
      .select(['patients.name as patient_name', 'users.display_name as acknowledged_by_name']);
  }

  async get(id: string): Promise<Alert | undefined> {
    const row = await this.select().where('alerts.id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toAlert(row);
  }

  /**
   * Opens an alert, or updates the active one for the same patient and rule.
   * @returns the alert and whether it is new
   */
  async raiseOrUpdate(t: AlertTrigger, now = Date.now()): Promise<{ alert: Alert; created: boolean }> {
    const created = await this.db.transaction().execute(async (tx) => {
      const active = await tx
        .selectFrom('alerts')
        .select(['id', 'measured_at'])
        .where('patient_id', '=', t.patientId)
        .where('rule_id', '=', t.ruleId)
        .where('status', '!=', 'resolved')
        .executeTakeFirst();
      if (active !== undefined) {
        const newer = t.measuredAt >= active.measured_at;
        await tx
          .updateTable('alerts')
          .set((eb) => ({
            occurrences: eb('occurrences', '+', 1),
            updated_at: now,
            ...(newer ? { params: JSON.stringify(t.params), measured_at: t.measuredAt, received_at: t.receivedAt } : {}),
          }))
          .where('id', '=', active.id)
          .execute();
        return { id: active.id, created: false };
      }
      const id = randomUUID();
      await tx
        .insertInto('alerts')
        .values({
          id,
          patient_id: t.patientId,
          rule_id: t.ruleId,
          priority: t.priority,
          status: 'open',
          reading_type: t.readingType,
          params: JSON.stringify(t.params),
          measured_at: t.measuredAt,
          received_at: t.receivedAt,
          raised_at: now,
          updated_at: now,
          occurrences: 1,
          acknowledged_by: null,
          acknowledged_at: null,
          resolved_at: null,
        })
        .execute();
      return { id, created: true };
    });
    const alert = await this.get(created.id);
    if (alert === undefined) throw new Error('alert vanished after write');
    return { alert, created: created.created };
  }

  async acknowledge(id: string, by: string, now = Date.now()): Promise<Alert | undefined> {
    await this.db
      .updateTable('alerts')
      .set({ status: 'acknowledged', acknowledged_by: by, acknowledged_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .execute();
    return this.get(id);
  }

  async list(f: AlertFilter): Promise<Alert[]> {
    let q = this.select();
    if (f.status === 'active') q = q.where('alerts.status', '!=', 'resolved');
    else if (f.status !== 'all') q = q.where('alerts.status', '=', f.status);
    if (f.patientId !== undefined) q = q.where('alerts.patient_id', '=', f.patientId);
    if (f.teamIds !== 'all') {
      if (f.teamIds.length === 0) return [];
      q = q.where('alerts.patient_id', 'in', this.db.selectFrom('team_patients').select('patient_id').where('team_id', 'in', f.teamIds));
    }
    const rows = await q.orderBy('alerts.raised_at', 'desc').limit(f.limit).execute();
    return rows.map(toAlert);
  }
}
