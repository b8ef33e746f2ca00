import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { User } from '@rpm/contracts';
import type { Database } from '../db/schema.ts';
import { toUser } from './user-store.ts';

export interface Session {
  readonly id: string;
  readonly user: User;
  readonly expiresAt: number;
}

const tokenId = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Server-side sessions behind opaque bearer tokens. Only the token's SHA-256 is stored, so the database does not
 * hold usable tokens; a session can be revoked at once (logout), which also drops its sockets.
 */
export class SessionStore {
  private readonly db: Kysely<Database>;
  private readonly ttlMs: number;
  /**
   * Told after a user's sessions were revoked (account disabled, password changed or reset), with the one session
   * kept if any: socket.io drops the user's other live sockets at once.
   */
  onUserSessionsRevoked: ((userId: string, keptSessionId: string | undefined) => void) | undefined;
  constructor(db: Kysely<Database>, ttlMs: number) {
    this.db = db;
    this.ttlMs = ttlMs;
  }

  /** A new session; `id` is the stored id (the token's SHA-256), for revoke(). */
  async create(userId: string, now = Date.now()): Promise<{ id: string; token: string; expiresAt: number }> {
    const token = randomBytes(32).toString('base64url');
    const id = tokenId(token);
    const expiresAt = now + this.ttlMs;
    await this.db
      .insertInto('sessions')
      .values({ id, user_id: userId, created_at: now, expires_at: expiresAt, revoked_at: null })
      .execute();
    return { id, token, expiresAt };
  }

  /** The live session of a token, or undefined when unknown, expired, revoked or its user disabled. */
  async verify(token: string, now = Date.now()): Promise<Session | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as sid',
        'sessions.expires_at',
        'sessions.revoked_at',
        'users.id',
        'users.username',
        'users.display_name',
        'users.role',
        'users.disabled_at',
      ])
      .where('sessions.id', '=', tokenId(token))
      .executeTakeFirst();
    if (row === undefined || row.revoked_at !== null || row.disabled_at !== null || row.expires_at <= now) return undefined;
    return { id: row.sid, user: toUser(row), expiresAt: row.expires_at };
  }

  async revoke(sessionId: string, now = Date.now()): Promise<void> {
    await this.db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).execute();
  }

  /** Whether the session is still live by its id (socket.io re-checks a socket that was mid-handshake). */
  async isLive(sessionId: string, now = Date.now()): Promise<boolean> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select('sessions.id')
      .where('sessions.id', '=', sessionId)
      .where('sessions.revoked_at', 'is', null)
      .where('users.disabled_at', 'is', null)
      .where('sessions.expires_at', '>', now)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Revokes every live session of the user but `keep` (the caller's own, on a password change); returns how many. */
  async revokeAllOfUser(userId: string, keep?: string, now = Date.now()): Promise<number> {
    let q = this.db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now);
    if (keep !== undefined) q = q.where('id', '!=', keep);
    const result = await q.executeTakeFirst();
    this.onUserSessionsRevoked?.(userId, keep);
    return Number(result.numUpdatedRows);
  }
}
