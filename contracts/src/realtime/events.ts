import type { Alert } from '../alerts/alert.ts';

/** socket.io events the server emits. Delivery is at most once: clients re-fetch open alerts on every (re)connect. */
export interface ServerToClientEvents {
  'alert:raised': (alert: Alert) => void;
  'alert:updated': (alert: Alert) => void;
  'alert:resolved': (alert: Alert) => void;
  /**
   * the session behind this socket ended (logout, expiry, or revoked: account disabled, password changed or reset);
   * the server disconnects right after
   */
  'session:ended': (info: { reason: 'logout' | 'expired' | 'revoked' }) => void;
}

// The client sends nothing yet: rooms are joined server-side from the session, never on request.
export type ClientToServerEvents = Record<string, never>;

/** socket.io handshake: `io(url, { auth: { token } })` with the bearer token from POST /api/v1/auth/login. */
export interface HandshakeAuth {
  token: string;
}
