import type { Alert, AlertPriority } from '@rpm/contracts';
import type { PatientStore } from '../patients/patient-store.ts';
import type { AlertNotifier } from './alert-notifier.ts';
import type { AlertStore, AlertTrigger } from './alert-store.ts';

export interface EscalationPolicy {
  /** how long a high / medium alert may stay unacknowledged before it goes to the next tier, ms */
  readonly delayMs: Readonly<Record<'high' | 'medium', number>>;
}

/**
 * The alert lifecycle: raise (or update the open alert of the same rule), acknowledge, assign, snooze, escalate,
 * resolve (by a person, or automatically). Every transition is persisted first, then emitted to the patient's teams.
 * Triggers for one patient are applied one after another so concurrent readings cannot open two alerts for a rule.
 */
export class AlertService {
  private readonly store: AlertStore;
  private readonly patients: PatientStore;
  private readonly notifier: AlertNotifier;
  private readonly policy: EscalationPolicy;
  private readonly chains = new Map<string, Promise<unknown>>();
  /** alerts raised since start, by priority (for /metrics) */
  readonly raisedByPriority = new Map<AlertPriority, number>();

  constructor(store: AlertStore, patients: PatientStore, notifier: AlertNotifier, policy: EscalationPolicy) {
    this.store = store;
    this.patients = patients;
    this.notifier = notifier;
    this.policy = policy;
  }

  raise(trigger: AlertTrigger): Promise<Alert> {
    return this.serialise(trigger.patientId, async () => {
      const { alert, created } = await this.store.raiseOrUpdate(trigger);
      if (created) this.raisedByPriority.set(alert.priority, (this.raisedByPriority.get(alert.priority) ?? 0) + 1);
      await this.emit(created ? 'alert:raised' : 'alert:updated', alert);
      return alert;
    });
  }

  /** The rule's clear condition held: resolve its active alert, if any. */
  clear(patientId: string, ruleId: string, detail: string): Promise<Alert | undefined> {
    return this.serialise(patientId, async () => this.emitIfChanged(await this.store.autoResolve(patientId, ruleId, detail)));
  }

  async acknowledge(alertId: string, userId: string): Promise<Alert | undefined> {
    return this.emitIfChanged(await this.store.acknowledge(alertId, userId));
  }

  async resolve(alertId: string, userId: string, note: string): Promise<Alert | undefined> {
    return this.emitIfChanged(await this.store.resolve(alertId, userId, note));
  }

  async assign(alertId: string, assigneeId: string, byUserId: string): Promise<Alert | undefined> {
    return this.emitIfChanged(await this.store.assign(alertId, assigneeId, byUserId));
  }

  async snooze(alertId: string, minutes: number, byUserId: string, reason: string | undefined): Promise<Alert | undefined> {
    return this.emitIfChanged(await this.store.snooze(alertId, Date.now() + minutes * 60_000, byUserId, reason));
  }

  /** Escalates overdue alerts one tier and wakes expired snoozes; run periodically. */
  async sweep(now = Date.now()): Promise<void> {
    for (const id of await this.store.expiredSnoozes(now)) await this.emitIfChanged(await this.store.unsnooze(id, now));
    for (const due of await this.store.dueForEscalation(this.policy.delayMs, now))
      await this.emitIfChanged(await this.store.escalate(due.id, due.tier + 1, now));
  }

  private async emitIfChanged(alert: Alert | undefined): Promise<Alert | undefined> {
    if (alert !== undefined) await this.emit(alert.status === 'resolved' ? 'alert:resolved' : 'alert:updated', alert);
    return alert;
  }

  private async emit(event: 'alert:raised' | 'alert:updated' | 'alert:resolved', alert: Alert): Promise<void> {
    this.notifier.notify(event, alert, await this.patients.teamIdsOf(alert.patientId));
  }

  private serialise<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.chains.set(key, tail);
    void tail.then(() => {
      if (this.chains.get(key) === tail) this.chains.delete(key);
    });
    return next;
  }
}
