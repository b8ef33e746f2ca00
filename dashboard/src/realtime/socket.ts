import { io, type Socket } from 'socket.io-client';
import { alertSchema, type Alert, type ClientToServerEvents, type ServerToClientEvents } from '@rpm/contracts';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

export const ALERT_EVENTS = ['alert:raised', 'alert:updated', 'alert:resolved'] as const;
export type AlertEventName = (typeof ALERT_EVENTS)[number];

export interface AlertSocketHandlers {
  onState(state: ConnectionState): void;
  /** every connect and reconnect: nothing was delivered while disconnected, so re-fetch the open alerts */
  onConnected(): void;
  onAlert(event: AlertEventName, alert: Alert): void;
  /** an event payload that does not match the contract; re-fetching is the safe answer */
  onInvalidPayload(event: AlertEventName): void;
  /** `ended`: signed out elsewhere, or revoked by an administrator (account disabled, password reset) */
  onSessionEnded(reason: 'ended' | 'expired'): void;
  /**
   * The server refused the handshake or dropped the socket. socket.io does not retry either by itself: check the
   * session (a 401 ends it) and call retry() if it is still good.
   */
  onRefused(): void;
}

export interface AlertSocket {
  retry(): void;
  close(): void;
}

/** Connect to socket.io on this page's origin with the session's token (events: contracts/src/realtime/events.ts). */
export function connectAlertSocket(token: string, handlers: AlertSocketHandlers): AlertSocket {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ auth: { token } });
  let closed = false;
  handlers.onState('connecting');

  socket.on('connect', () => {
    handlers.onState('live');
    handlers.onConnected();
  });
  socket.on('disconnect', (reason) => {
    if (closed) return;
    handlers.onState('reconnecting');
    if (reason === 'io server disconnect') handlers.onRefused();
  });
  socket.on('connect_error', () => {
    if (closed) return;
    handlers.onState('reconnecting');
    // `active` false: the server's middleware refused us (e.g. unknown token), so socket.io gives up.
    if (!socket.active) handlers.onRefused();
  });
  for (const event of ALERT_EVENTS) {
    socket.on(event, (payload: unknown) => {
      const parsed = alertSchema.safeParse(payload);
      if (parsed.success) handlers.onAlert(event, parsed.data);
      else handlers.onInvalidPayload(event);
    });
  }
  socket.on('session:ended', (info: unknown) => {
    const given = typeof info === 'object' && info !== null && 'reason' in info ? info.reason : undefined;
    const reason = given === 'logout' || given === 'revoked' ? 'ended' : 'expired';
    handlers.onSessionEnded(reason);
  });

  return {
    retry() {
      if (!closed && !socket.connected) socket.connect();
    },
    close() {
      closed = true;
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
