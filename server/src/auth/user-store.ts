import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { User, UserRole } from '@rpm/contracts';
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
}
