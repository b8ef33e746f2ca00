import type { Alert, AlertPriority } from '@rpm/contracts';
import type { PatientStore } from '../patients/patient-store.ts';
import type { AlertNotifier } from './alert-notifier.ts';
import type { AlertStore, AlertTrigger } from './alert-store.ts';

/**
 * The alert lifecycle: raise (or update the open alert of the same rule), acknowledge. Every transition is
 * persisted first, then emitted. Triggers for one patient are applied one after another so that concurrent readings
 * cannot open two alerts for the same rule.
 */
export class AlertService {
  private readonly store: AlertStore;
  private readonly patients: PatientStore;
  private readonly notifier: AlertNotifier;
  private readonly chains = new Map<string, Promise<unknown>>();
  /** alerts raised since start, by priority (for /metrics) */
  readonly raisedByPriority = new Map<AlertPriority, number>();

  constructor(store: AlertStore, patients: PatientStore, notifier: AlertNotifier) {
    this.store = store;
    this.patients = patients;
    this.notifier = notifier;
  }

  raise(trigger: AlertTrigger): Promise<Alert> {
    return this.serialise(trigger.patientId, async () => {
      const { alert, created } = await this.store.raiseOrUpdate(trigger);
      if (created) this.raisedByPriority.set(alert.priority, (this.raisedByPriority.get(alert.priority) ?? 0) + 1);
      this.notifier.notify(created ? 'alert:raised' : 'alert:updated', alert, await this.patients.teamIdsOf(alert.patientId));
      return alert;
    });
  }

  async acknowledge(alertId: string, userId: string): Promise<Alert | undefined> {
    const alert = await this.store.acknowledge(alertId, userId);
    if (alert !== undefined) this.notifier.notify('alert:updated', alert, await this.patients.teamIdsOf(alert.patientId));
    return alert;
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
