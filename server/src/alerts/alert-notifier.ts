import type { Alert, ServerToClientEvents } from '@rpm/contracts';

export type AlertEvent = Extract<keyof ServerToClientEvents, `alert:${string}`>;

/** Delivers alert events to the people allowed to see the patient (socket.io rooms in production). */
export interface AlertNotifier {
  notify(event: AlertEvent, alert: Alert, patientTeamIds: readonly string[]): void;
}

/** Forwards to a notifier that is created later (the socket server needs the services that need a notifier). */
export class NotifierRelay implements AlertNotifier {
  target: AlertNotifier | undefined;

  notify(event: AlertEvent, alert: Alert, patientTeamIds: readonly string[]): void {
    this.target?.notify(event, alert, patientTeamIds);
  }
}
