import { loginResponseSchema, type LoginResponse } from '@rpm/contracts';

/** The logged-in session: the login response as the server sent it. */
export type Session = LoginResponse;

/** Why the reader is on the login page again; each has a message there. */
export type SessionEndReason = 'expired' | 'signedOut' | 'ended';

/**
 * sessionStorage, not localStorage: the token dies with the tab, and is not shared with other tabs. Storage can
 * throw (disabled storage); then the session simply lasts as long as the page.
 */
const STORAGE_KEY = 'rpm.session';

export function loadSession(storage: Pick<Storage, 'getItem'>, nowMs: number): Session | undefined {
  let raw: string | null;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch {
    return undefined;
  }
  if (raw === null) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = loginResponseSchema.safeParse(data);
  if (!parsed.success || Date.parse(parsed.data.expiresAt) <= nowMs) return undefined;
  return parsed.data;
}

export function saveSession(storage: Pick<Storage, 'setItem'>, session: Session): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // see STORAGE_KEY
  }
}

export function clearSession(storage: Pick<Storage, 'removeItem'>): void {
  try {
    storage.removeItem(STORAGE_KEY);
  } catch {
    // see STORAGE_KEY
  }
}
