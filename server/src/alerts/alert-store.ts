import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import type { Alert, AlertEvent, AlertEventKind, AlertPriority, AlertStatus } from '@rpm/contracts';
import type { AlertsTable, Database } from '../db/schema.ts';
import type { RuleTrigger } from '../rules/types.ts';
import { selectAlerts, toAlert } from './alert-row.ts';

/** What the rules hand the alert store: the engine's trigger, as it is (server/src/rules/types.ts). */
export type AlertTrigger = RuleTrigger;

export interface AlertFilter {
  readonly status: AlertStatus | 'active' | 'all';
  readonly patientId?: string | undefined;
  readonly priority?: AlertPriority | undefined;
  readonly assignedTo?: string | undefined;
  /** 'all' or the care teams whose patients' alerts may be listed */
  readonly teamIds: readonly string[] | 'all';
  readonly limit: number;
}

type Precondition = 'open' | 'active';

/**
 * Persisted alerts and their history. At most one active (not resolved) alert per patient and rule, enforced by a
 * unique index. Every transition is one transaction: the alert's new state and its history event together.
 */
export class AlertStore {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async get(id: string): Promise<Alert | undefined> {
    const row = await selectAlerts(this.db).where('alerts.id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toAlert(row);
  }

  /**
   * Opens an alert, or updates the active one for the same patient and rule.
   * @returns the alert and whether it is new
   */
  async raiseOrUpdate(t: AlertTrigger, now = Date.now()): Promise<{ alert: Alert; created: boolean }> {
    const result = await this.db.transaction().execute(async (tx) => {
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
            // the engine counts the episode's abnormal readings; an update adds at least one. CASE, not SQLite's
            // two-argument max(), which PostgreSQL has only as an aggregate
            occurrences: eb
              .case()
              .when(eb(eb('occurrences', '+', 1), '>=', t.readingsCount))
              .then(eb('occurrences', '+', 1))
              .else(t.readingsCount)
              .end(),
            updated_at: now,
            ...(newer
              ? {
                  params: JSON.stringify(t.params),
                  measured_at: t.measuredAt,
                  received_at: t.receivedAt,
                  backfilled: t.backfilled ? 1 : 0,
                  data_age_ms: Math.max(0, Math.round(t.dataAgeMs)),
                }
              : {}),
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
          occurrences: Math.max(1, t.readingsCount),
          backfilled: t.backfilled ? 1 : 0,
          data_age_ms: Math.max(0, Math.round(t.dataAgeMs)),
          device_id: t.deviceId ?? null,
          acknowledged_by: null,
          acknowledged_at: null,
          resolved_at: null,
          assigned_to: null,
          assigned_at: null,
          snoozed_until: null,
          escalation_tier: 1,
          escalated_at: null,
          resolved_by: null,
          resolution: null,
          resolution_note: null,
        })
        .execute();
      await tx
        .insertInto('alert_events')
        .values({ id: undefined, alert_id: id, at: now, kind: 'raised', actor_id: null, detail: JSON.stringify(t.params) })
        .execute();
      return { id, created: true };
    });
    const alert = await this.get(result.id);
    if (alert === undefined) throw new Error('alert vanished after write');
    return { alert, created: result.created };
  }

  /**
   * Applies a transition when the alert is in the required state; records it in the history.
   * @returns the updated alert, or undefined when the alert does not exist or is not in that state
   */
  private async transition(
    id: string,
    required: Precondition,
    set: Updateable<AlertsTable>,
    event: { kind: AlertEventKind; actorId: string | null; detail?: string },
    now: number,
  ): Promise<Alert | undefined> {
    const changed = await this.db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('alerts')
        .set({ ...set, updated_at: now })
        .where('id', '=', id)
        .where('status', required === 'open' ? '=' : '!=', required === 'open' ? 'open' : 'resolved')
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await tx
        .insertInto('alert_events')
        .values({ id: undefined, alert_id: id, at: now, kind: event.kind, actor_id: event.actorId, detail: event.detail ?? null })
        .execute();
      return true;
    });
    return changed ? this.get(id) : undefined;
  }

  acknowledge(id: string, by: string, now = Date.now()): Promise<Alert | undefined> {
    return this.transition(
      id,
      'open',
      { status: 'acknowledged', acknowledged_by: by, acknowledged_at: now, snoozed_until: null },
      { kind: 'acknowledged', actorId: by },
      now,
    );
  }

  resolve(id: string, by: string, note: string, now = Date.now()): Promise<Alert | undefined> {
    return this.transition(
      id,
      'active',
      { status: 'resolved', resolved_at: now, resolved_by: by, resolution: 'manual', resolution_note: note, snoozed_until: null },
      { kind: 'resolved', actorId: by, detail: note },
      now,
    );
  }

  /** Resolves the active alert of a patient and rule because its clear condition held. */
  async autoResolve(patientId: string, ruleId: string, detail: string, now = Date.now()): Promise<Alert | undefined> {
    const active = await this.db
      .selectFrom('alerts')
      .select('id')
      .where('patient_id', '=', patientId)
      .where('rule_id', '=', ruleId)
      .where('status', '!=', 'resolved')
      .executeTakeFirst();
    if (active === undefined) return undefined;
    return this.transition(
      active.id,
      'active',
      { status: 'resolved', resolved_at: now, resolution: 'auto', resolution_note: detail, snoozed_until: null },
      { kind: 'auto_resolved', actorId: null, detail },
      now,
    );
  }

  assign(id: string, userId: string, by: string, now = Date.now()): Promise<Alert | undefined> {
    return this.transition(id, 'active', { assigned_to: userId, assigned_at: now }, { kind: 'assigned', actorId: by, detail: userId }, now);
  }

  snooze(id: string, until: number, by: string, reason: string | undefined, now = Date.now()): Promise<Alert | undefined> {
    const detail = `until ${new Date(until).toISOString()}${reason === undefined || reason === '' ? '' : `: ${reason}`}`;
    return this.transition(id, 'active', { snoozed_until: until }, { kind: 'snoozed', actorId: by, detail }, now);
  }

  unsnooze(id: string, now = Date.now()): Promise<Alert | undefined> {
    return this.transition(id, 'active', { snoozed_until: null }, { kind: 'unsnoozed', actorId: null }, now);
  }

  escalate(id: string, toTier: number, now = Date.now()): Promise<Alert | undefined> {
    return this.transition(
      id,
      'open',
      { escalation_tier: toTier, escalated_at: now },
      { kind: 'escalated', actorId: null, detail: `tier ${toTier}` },
      now,
    );
  }

  /** Open high and medium alerts, not snoozed, below the last tier, unacknowledged for longer than their delay. */
  async dueForEscalation(delayMs: Readonly<Record<'high' | 'medium', number>>, now = Date.now()): Promise<{ id: string; tier: number }[]> {
    const rows = await this.db
      .selectFrom('alerts')
      .select(['id', 'priority', 'escalation_tier', 'escalated_at', 'raised_at', 'snoozed_until'])
      .where('status', '=', 'open')
      .where('priority', 'in', ['high', 'medium'])
      .where('escalation_tier', '<', 3)
      .execute();
    return rows
      .filter(
        (r) =>
          (r.snoozed_until === null || r.snoozed_until <= now) &&
          (r.escalated_at ?? r.raised_at) + delayMs[r.priority as 'high' | 'medium'] <= now,
      )
      .map((r) => ({ id: r.id, tier: r.escalation_tier }));
  }

  async expiredSnoozes(now = Date.now()): Promise<string[]> {
    const rows = await this.db
      .selectFrom('alerts')
      .select('id')
      .where('status', '!=', 'resolved')
      .where('snoozed_until', '<=', now)
      .execute();
    return rows.map((r) => r.id);
  }

  async events(alertId: string): Promise<AlertEvent[]> {
    const rows = await this.db
      .selectFrom('alert_events')
      .leftJoin('users', 'users.id', 'alert_events.actor_id')
      .select(['alert_events.at', 'alert_events.kind', 'alert_events.actor_id', 'alert_events.detail', 'users.display_name'])
      .where('alert_id', '=', alertId)
      .orderBy('alert_events.id')
      .execute();
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      actorId: r.actor_id,
      actorName: r.display_name,
      detail: r.detail,
    }));
  }

  async list(f: AlertFilter): Promise<Alert[]> {
    let q = selectAlerts(this.db);
    if (f.status === 'active') q = q.where('alerts.status', '!=', 'resolved');
    else if (f.status !== 'all') q = q.where('alerts.status', '=', f.status);
    if (f.patientId !== undefined) q = q.where('alerts.patient_id', '=', f.patientId);
    if (f.priority !== undefined) q = q.where('alerts.priority', '=', f.priority);
    if (f.assignedTo !== undefined) q = q.where('alerts.assigned_to', '=', f.assignedTo);
    if (f.teamIds !== 'all') {
      if (f.teamIds.length === 0) return [];
      q = q.where('alerts.patient_id', 'in', this.db.selectFrom('team_patients').select('patient_id').where('team_id', 'in', f.teamIds));
    }
    const rows = await q.orderBy('alerts.raised_at', 'desc').limit(f.limit).execute();
    return rows.map(toAlert);
  }
}
