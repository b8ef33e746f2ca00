import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase } from '@rpm/server';
import type { Database } from '../../../server/src/db/schema.ts';
import { startPostgres } from '../../harness/postgres.ts';

/** Both engines the store code runs on: every store test runs once on each (describe.each). */
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];

export interface DatabaseUnderTest {
  readonly dialect: Dialect;
  /** migrated, as the platform opens it */
  readonly db: Kysely<Database>;
  /** the PostgreSQL database's URL; undefined on SQLite */
  readonly postgresUrl: string | undefined;
  /** opens the same database again through openDatabase (the migrations find nothing to do) */
  reopen(): Promise<Kysely<Database>>;
  /** closes the database and removes the file or the server */
  stop(): Promise<void>;
}

/**
 * A fresh database of the dialect, opened through the platform's own openDatabase: a SQLite file in a temp
 * directory, or a database on a private PostgreSQL server (test/harness/postgres.ts).
 */
export async function openDatabaseUnderTest(dialect: Dialect): Promise<DatabaseUnderTest> {
  if (dialect === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'rpm-store-'));
    const file = join(dir, 'rpm.sqlite');
    const db = await openDatabase({ kind: 'sqlite', file });
    return {
      dialect,
      db,
      postgresUrl: undefined,
      reopen: () => openDatabase({ kind: 'sqlite', file }),
      async stop() {
        await db.destroy();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const server = await startPostgres();
  try {
    const url = await server.createDatabase('rpm_store');
    const options = { kind: 'postgres', url, poolSize: 4, statementTimeoutMs: 10_000, connectTimeoutMs: 5_000 } as const;
    const db = await openDatabase(options);
    return {
      dialect,
      db,
      postgresUrl: url,
      reopen: () => openDatabase(options),
      async stop() {
        await db.destroy();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
