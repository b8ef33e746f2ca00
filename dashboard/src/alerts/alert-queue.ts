import type { Alert } from '@rpm/contracts';

/**
 * The alert queue as a pure reducer over two inputs:
 * - `snapshot`: GET /api/v1/alerts, fetched on every socket (re)connect because socket.io delivers at most once;
 * - `event`: one alert from alert:raised / alert:updated / alert:resolved, or from an acknowledge response.
 *
 * Events may arrive while a snapshot request is in flight, so a snapshot cannot simply replace the queue. Each event
 * carries a sequence number from the caller; a snapshot carries `sinceSeq`, the last number given out before its
 * request was sent. Anything the snapshot misses but that arrived after `sinceSeq` is newer than the snapshot and
 * is kept; anything older that it misses was resolved while we were not listening and is dropped.
 */
export interface QueueEntry {
  readonly alert: Alert;
  /** sequence number of the event that delivered this version; 0 when it came from a snapshot */
  readonly seq: number;
}

/** An alert resolved by an event, remembered until a snapshot newer than the event has been applied. */
interface Tombstone {
  readonly updatedAt: string;
  readonly seq: number;
}

export interface AlertQueueState {
  readonly entries: ReadonlyMap<string, QueueEntry>;
  readonly resolved: ReadonlyMap<string, Tombstone>;
}

export type AlertQueueAction =
  | { readonly type: 'snapshot'; readonly alerts: readonly Alert[]; readonly sinceSeq: number }
  | { readonly type: 'event'; readonly alert: Alert; readonly seq: number }
  | { readonly type: 'clear' };

export const EMPTY_QUEUE: AlertQueueState = { entries: new Map(), resolved: new Map() };

/** Compare two ISO 8601 instants (the server may vary the number of fractional digits). */
function compareInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

function applyEvent(state: AlertQueueState, alert: Alert, seq: number): AlertQueueState {
  const current = state.entries.get(alert.id);
  if (current !== undefined && compareInstants(current.alert.updatedAt, alert.updatedAt) > 0) return state;
  const tombstone = state.resolved.get(alert.id);
  if (alert.status !== 'resolved' && tombstone !== undefined && compareInstants(tombstone.updatedAt, alert.updatedAt) >= 0) return state;

  const entries = new Map(state.entries);
  const resolved = new Map(state.resolved);
  if (alert.status === 'resolved') {
    entries.delete(alert.id);
    resolved.set(alert.id, { updatedAt: alert.updatedAt, seq });
  } else {
    entries.set(alert.id, { alert, seq });
    resolved.delete(alert.id);
  }
  return { entries, resolved };
}

function applySnapshot(state: AlertQueueState, alerts: readonly Alert[], sinceSeq: number): AlertQueueState {
  const entries = new Map<string, QueueEntry>();
  for (const alert of alerts) {
    if (alert.status === 'resolved') continue;
    const tombstone = state.resolved.get(alert.id);
    if (tombstone !== undefined && tombstone.seq > sinceSeq && compareInstants(tombstone.updatedAt, alert.updatedAt) >= 0) continue;
    const live = state.entries.get(alert.id);
    const liveIsNewer = live !== undefined && live.seq > sinceSeq && compareInstants(live.alert.updatedAt, alert.updatedAt) > 0;
    entries.set(alert.id, liveIsNewer ? live : { alert, seq: 0 });
  }
  for (const [id, entry] of state.entries) {
    if (!entries.has(id) && entry.seq > sinceSeq) entries.set(id, entry);
  }
  const resolved = new Map([...state.resolved].filter(([, tombstone]) => tombstone.seq > sinceSeq));
  return { entries, resolved };
}

export function alertQueueReducer(state: AlertQueueState, action: AlertQueueAction): AlertQueueState {
  switch (action.type) {
    case 'snapshot':
      return applySnapshot(state, action.alerts, action.sinceSeq);
    case 'event':
      return applyEvent(state, action.alert, action.seq);
    case 'clear':
      return EMPTY_QUEUE;
  }
}
