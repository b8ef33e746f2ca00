import type { Alert, CareTeamResponse } from '@rpm/contracts';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { isApiRequestError } from '../api/api-request-error.ts';
import type { ApiClient } from '../api/client.ts';
import { connectAlertSocket, type ConnectionState } from '../realtime/socket.ts';
import type { SessionEndReason } from '../session/session.ts';
import { alertQueueReducer, EMPTY_QUEUE } from './alert-queue.ts';
import { conflictNotice, type ConflictNotice } from './conflict-notice.ts';
import { sortAlerts } from './sort-alerts.ts';

/** Wait before retrying a failed alert fetch, or a socket the server refused while the session is still good. */
const RETRY_DELAY_MS = 5_000;

export interface AlertQueueModel {
  /** sorted: priority, then newest measurement */
  readonly alerts: readonly Alert[];
  readonly connection: ConnectionState;
  /** a snapshot has been applied at least once */
  readonly loaded: boolean;
  /** the last fetch failed (a retry is scheduled) */
  readonly loadFailed: boolean;
  /** the user's role may not see alerts (403) */
  readonly forbidden: boolean;
  /** alerts in the last snapshot that did not match the contract */
  readonly invalid: number;
  /** when the last snapshot was applied: on every (re)connect, so while live it is when the connection began */
  readonly syncedAt: number | undefined;
  /** the most recently raised alert, for the screen-reader announcement */
  readonly lastRaised: Alert | undefined;
  /** the last alert an action of yours found already dealt with (409) and that the refresh took out of the queue */
  readonly removedByOthers: ConflictNotice | undefined;
  readonly acknowledge: (alertId: string) => Promise<void>;
  /** to a member of the patient's care team */
  readonly assign: (alertId: string, userId: string) => Promise<void>;
  readonly resolve: (alertId: string, note: string) => Promise<void>;
  readonly snooze: (alertId: string, minutes: number, reason: string | undefined) => Promise<void>;
  /** who an alert of this patient may be assigned to (GET /patients/{id}/care-team) */
  readonly careTeam: (patientId: string) => Promise<CareTeamResponse>;
}

/** The actions a row offers; each throws an ApiRequestError when refused (409: the alert is no longer open). */
export type AlertActions = Pick<AlertQueueModel, 'acknowledge' | 'assign' | 'resolve' | 'snooze' | 'careTeam'>;

/**
 * The live queue: socket events merged into snapshots fetched on mount and on every (re)connect. 401s end the
 * session through the ApiClient; `session:ended` ends it here.
 */
export function useAlertQueue(api: ApiClient, token: string, onSessionEnded: (reason: SessionEndReason) => void): AlertQueueModel {
  const [queue, dispatch] = useReducer(alertQueueReducer, EMPTY_QUEUE);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [loaded, setLoaded] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const [forbidden, setForbidden] = useState(false);
  const [invalid, setInvalid] = useState(0);
  const [syncedAt, setSyncedAt] = useState<number>();
  const [lastRaised, setLastRaised] = useState<Alert>();
  const [removedByOthers, setRemovedByOthers] = useState<ConflictNotice>();
  const noticeSerial = useRef(0);
  // the queue as last rendered: a refused action needs the alert as it was, after the refresh has dropped it
  const queueRef = useRef(queue);
  queueRef.current = queue;
  // Event sequence numbers live outside the reducer: a fetch must know the last one given out when it starts.
  const seq = useRef(0);
  /** re-reads the queue; resolves with the alerts read, or undefined when the read failed or was overtaken */
  const refetchRef = useRef<() => Promise<readonly Alert[] | undefined>>(() => Promise.resolve(undefined));
  const onSessionEndedRef = useRef(onSessionEnded);
  onSessionEndedRef.current = onSessionEnded;

  useEffect(() => {
    let disposed = false;
    let latestFetch = 0;
    let fetchRetry: ReturnType<typeof setTimeout> | undefined;
    let socketRetry: ReturnType<typeof setTimeout> | undefined;

    async function refetch(): Promise<readonly Alert[] | undefined> {
      const fetchId = ++latestFetch;
      const sinceSeq = seq.current;
      clearTimeout(fetchRetry);
      try {
        const list = await api.listAlerts();
        if (disposed || fetchId !== latestFetch) return undefined;
        dispatch({ type: 'snapshot', alerts: list.alerts, sinceSeq });
        setInvalid(list.invalid);
        setLoaded(true);
        setLoadFailed(false);
        setForbidden(false);
        setSyncedAt(Date.now());
        return list.alerts;
      } catch (error) {
        if (disposed || fetchId !== latestFetch) return undefined;
        if (isApiRequestError(error) && error.status === 401) return undefined; // the ApiClient has ended the session
        if (isApiRequestError(error) && error.status === 403) {
          setForbidden(true);
          return undefined;
        }
        setLoadFailed(true);
        fetchRetry = setTimeout(() => void refetch(), RETRY_DELAY_MS);
        return undefined;
      }
    }
    refetchRef.current = refetch;

    const socket = connectAlertSocket(token, {
      onState: setConnection,
      onConnected: () => void refetch(),
      onAlert(event, alert) {
        dispatch({ type: 'event', alert, seq: ++seq.current });
        if (event === 'alert:raised') setLastRaised(alert);
      },
      onInvalidPayload: () => void refetch(),
      onSessionEnded: (reason) => onSessionEndedRef.current(reason),
      onRefused() {
        // A 401 here ends the session (and this effect); otherwise the refusal was passing: try again shortly.
        void refetch();
        clearTimeout(socketRetry);
        socketRetry = setTimeout(() => socket.retry(), RETRY_DELAY_MS);
      },
    });
    void refetch();

    return () => {
      disposed = true;
      clearTimeout(fetchRetry);
      clearTimeout(socketRetry);
      socket.close();
      refetchRef.current = () => Promise.resolve(undefined);
    };
  }, [api, token]);

  /**
   * Applies the alert the server answers with; on 404 or 409 re-reads the queue and rethrows for the row to say so.
   * When the re-read no longer has the alert, its row is gone with its message: the queue says instead (a polite live
   * region) who already did what, from the alert's history.
   */
  const transition = useCallback(
    async (alertId: string, change: () => Promise<Alert>): Promise<void> => {
      const before = queueRef.current.entries.get(alertId)?.alert;
      try {
        const updated = await change();
        dispatch({ type: 'event', alert: updated, seq: ++seq.current });
      } catch (error) {
        // Gone or changed meanwhile (resolved, acknowledged by someone else): show the server's current state.
        if (isApiRequestError(error) && (error.status === 404 || error.status === 409)) {
          void refetchRef.current().then(async (alerts) => {
            if (before === undefined || alerts === undefined || alerts.some((alert) => alert.id === alertId)) return;
            const events = await api.listAlertEvents(alertId).catch(() => undefined);
            setRemovedByOthers(conflictNotice(before, events, ++noticeSerial.current));
          });
        }
        throw error;
      }
    },
    [api],
  );

  const acknowledge = useCallback((alertId: string) => transition(alertId, () => api.acknowledgeAlert(alertId)), [api, transition]);
  const assign = useCallback(
    (alertId: string, userId: string) => transition(alertId, () => api.assignAlert(alertId, userId)),
    [api, transition],
  );
  const resolve = useCallback(
    (alertId: string, note: string) => transition(alertId, () => api.resolveAlert(alertId, note)),
    [api, transition],
  );
  const snooze = useCallback(
    (alertId: string, minutes: number, reason: string | undefined) => transition(alertId, () => api.snoozeAlert(alertId, minutes, reason)),
    [api, transition],
  );

  const careTeam = useCallback((patientId: string) => api.getCareTeam(patientId), [api]);

  const alerts = useMemo(() => sortAlerts([...queue.entries.values()].map((entry) => entry.alert)), [queue]);

  return {
    alerts,
    connection,
    loaded,
    loadFailed,
    forbidden,
    invalid,
    syncedAt,
    lastRaised,
    removedByOthers,
    acknowledge,
    assign,
    resolve,
    snooze,
    careTeam,
  };
}
