import { Kysely } from 'kysely';
import { migrateToLatest } from './migrate.ts';
import { nodeSqliteDialect, openSqliteFile } from './node-sqlite-dialect.ts';
import { assertPostgresReachable, createPostgresPool, postgresDialect, type PostgresOptions } from './postgres-dialect.ts';
import type { Database } from './schema.ts';
import type { SqlDialect } from './sql-dialect.ts';

/** Where the relational state lives: a SQLite file (the embedded default) or a PostgreSQL database. */
export type DatabaseTarget = { readonly kind: 'sqlite'; readonly file: string } | ({ readonly kind: 'postgres' } & PostgresOptions);

/**
 * Opens the database and brings its schema up to date. A string is a SQLite file (":memory:" for unit tests).
 * The caller owns the result: `destroy()` closes the file or ends the pool.
 */
export async function openDatabase(target: DatabaseTarget | string): Promise<Kysely<Database>> {
  const t: DatabaseTarget = typeof target === 'string' ? { kind: 'sqlite', file: target } : target;
  if (t.kind === 'sqlite') {
    const db = new Kysely<Database>({ dialect: nodeSqliteDialect(openSqliteFile(t.file)) });
    return migrated(db, 'sqlite');
  }
  const pool = createPostgresPool(t);
  try {
    await assertPostgresReachable(pool, t.url);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return migrated(new Kysely<Database>({ dialect: postgresDialect(pool) }), 'postgres');
}

async function migrated(db: Kysely<Database>, dialect: SqlDialect): Promise<Kysely<Database>> {
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>, dialect);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}
