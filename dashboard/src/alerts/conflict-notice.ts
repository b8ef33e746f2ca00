import type { Alert, AlertEvent } from '@rpm/contracts';

/**
 * What the queue says when an action of yours was refused (409) because someone else had already acted, and the
 * refresh that followed took the alert out of the queue: the alert, and what its history says happened last.
 */
export interface ConflictNotice {
  readonly alert: Alert;
  /** the change that took the alert out of the queue; 'unknown' when its history could not be read */
  readonly what: 'resolved' | 'auto_resolved' | 'snoozed' | 'unknown';
  /** who made it; null for the platform (auto_resolved) or when unknown */
  readonly actorName: string | null;
  /** when (ISO 8601); null when unknown */
  readonly at: string | null;
  /** tells two notices about the same alert apart, so the live region announces the second too */
  readonly serial: number;
}

const REMOVING_KINDS = ['resolved', 'auto_resolved', 'snoozed'] as const;

/** The latest event that takes an alert out of the active queue, from its history (oldest first or in any order). */
export function conflictNotice(alert: Alert, events: readonly AlertEvent[] | undefined, serial: number): ConflictNotice {
  const removing = (events ?? [])
    .filter((event) => REMOVING_KINDS.some((kind) => kind === event.kind))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  const what = REMOVING_KINDS.find((kind) => kind === removing?.kind) ?? 'unknown';
  return { alert, what, actorName: removing?.actorName ?? null, at: removing?.at ?? null, serial };
}
