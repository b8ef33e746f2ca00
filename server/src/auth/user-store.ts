import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { User, UserAccount, UserRole } from '@rpm/contracts';
import type { Database, UsersTable } from '../db/schema.ts';
import { hashSecret } from './secret-hash.ts';

export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly displayName: string;
  readonly role: UserRole;
}

export const toUser = (row: Pick<UsersTable, 'id' | 'username' | 'display_name' | 'role'>): User => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
});

export const toUserAccount = (row: UsersTable): UserAccount => ({
  ...toUser(row),
  createdAt: new Date(row.created_at).toISOString(),
  disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at).toISOString(),
});

export interface UserFilter {
  readonly role?: UserRole | undefined;
  readonly includeDisabled: boolean;
  /** exclusive: the last username of the previous page */
  readonly after?: string | undefined;
  readonly limit: number;
}

/** What disable() did; every outcome but `disabled` left the row as it was. */
export type DisableOutcome = 'disabled' | 'already-disabled' | 'not-found' | 'last-admin';

export class UserStore {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async create(user: NewUser, now = Date.now()): Promise<User> {
    const row: UsersTable = {
      id: randomUUID(),
      username: user.username,
      display_name: user.displayName,
      role: user.role,
      password_hash: await hashSecret(user.password),
      created_at: now,
      disabled_at: null,
    };
    await this.db.insertInto('users').values(row).execute();
    return toUser(row);
  }

  findByUsername(username: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  findById(id: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async setPassword(id: string, password: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: await hashSecret(password) })
      .where('id', '=', id)
      .execute();
  }

  /** Ordered by username (unique), so `after` pages without gaps or repeats while users are added. */
  list(filter: UserFilter): Promise<UsersTable[]> {
    let q = this.db.selectFrom('users').selectAll();
    if (filter.role !== undefined) q = q.where('role', '=', filter.role);
    if (!filter.includeDisabled) q = q.where('disabled_at', 'is', null);
    if (filter.after !== undefined) q = q.where('username', '>', filter.after);
    return q.orderBy('username').limit(filter.limit).execute();
  }

  /**
   * Disables an active account unless it is the last active admin. The check is part of the UPDATE itself, and the
   * transaction first takes the row locks of every active admin: on PostgreSQL (READ COMMITTED) two admins disabling
   * each other at the same moment would otherwise both pass the check against the snapshot taken before the other's
   * change and leave nobody able to administer. With the locks, the second waits, and its UPDATE then sees the first's.
   * SQLite runs one transaction at a time and pays a no-op row write.
   */
  async disable(id: string, now = Date.now()): Promise<DisableOutcome> {
    return this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set((eb) => ({ role: eb.ref('role') }))
        .where('role', '=', 'admin')
        .where('disabled_at', 'is', null)
        .execute();
      const result = await tx
        .updateTable('users')
        .set({ disabled_at: now })
        .where('id', '=', id)
        .where('disabled_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('role', '!=', 'admin'),
            eb.exists(
              eb
                .selectFrom('users as other')
                .select('other.id')
                .where('other.role', '=', 'admin')
                .where('other.disabled_at', 'is', null)
                .where('other.id', '!=', id),
            ),
          ]),
        )
        .executeTakeFirst();
      if (result.numUpdatedRows > 0n) return 'disabled';
      const row = await tx.selectFrom('users').select('disabled_at').where('id', '=', id).executeTakeFirst();
      if (row === undefined) return 'not-found';
      return row.disabled_at === null ? 'last-admin' : 'already-disabled';
    });
  }

  /** Re-enables the account; undefined when there is no such user. Idempotent. */
  async enable(id: string): Promise<UsersTable | undefined> {
    await this.db.updateTable('users').set({ disabled_at: null }).where('id', '=', id).execute();
    return this.findById(id);
  }
}
