import { Kysely } from 'kysely';
import { migrateToLatest } from './migrate.ts';
import { nodeSqliteDialect, openSqliteFile } from './node-sqlite-dialect.ts';
import type { Database } from './schema.ts';

/** Opens the SQLite database file (":memory:" for unit tests) and brings its schema up to date. */
export async function openDatabase(file: string): Promise<Kysely<Database>> {
  const db = new Kysely<Database>({ dialect: nodeSqliteDialect(openSqliteFile(file)) });
  await migrateToLatest(db as unknown as Kysely<unknown>);
  return db;
}
