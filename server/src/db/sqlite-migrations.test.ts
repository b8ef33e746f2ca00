import { readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from './migrate.ts';
import { nodeSqliteDialect } from './node-sqlite-dialect.ts';

/**
 * Existing SQLite files have run these migrations already: Kysely never runs a migration twice, so what SQLite
 * executes must stay exactly what it was, or a fresh file and an old one would differ. The expected text was
 * recorded from the migrations as first released; a change here is a new migration, never an edit.
 */
describe('SQLite migrations', () => {
  it('execute exactly the SQL they executed when first released', async () => {
    const executed: string[] = [];
    const db = new Kysely<unknown>({
      dialect: nodeSqliteDialect(new DatabaseSync(':memory:')),
      log: (event) => {
        const { sql, parameters } = event.query;
        // Kysely's own bookkeeping (lock and history rows, with timestamps) is not the schema
        if (!/kysely_migration|sqlite_master/.test(sql)) executed.push(`${sql}; -- ${JSON.stringify(parameters)}`);
      },
    });
    try {
      await migrateToLatest(db, 'sqlite');
    } finally {
      await db.destroy();
    }
    const expected = readFileSync(new URL('./sqlite-migrations.expected.sql', import.meta.url), 'utf8');
    expect(`${executed.join('\n')}\n`).toBe(expected);
  });
});
