import type { Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { initial } from './migrations/001-initial.ts';
import { alertLifecycle } from './migrations/002-alert-lifecycle.ts';
import { clinicalRules } from './migrations/003-clinical-rules.ts';
import { deviceLifecycle } from './migrations/004-device-lifecycle.ts';
import { healthPassport } from './migrations/005-health-passport.ts';
import type { SqlDialect } from './sql-dialect.ts';

/** Migrations are code, listed in order, each built for the dialect it runs on; they run at start. */
const MIGRATIONS: readonly (readonly [string, (dialect: SqlDialect) => Migration])[] = [
  ['001-initial', initial],
  ['002-alert-lifecycle', alertLifecycle],
  ['003-clinical-rules', clinicalRules],
  ['004-device-lifecycle', deviceLifecycle],
  ['005-health-passport', healthPassport],
];

export async function migrateToLatest(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const migrations = Object.fromEntries(MIGRATIONS.map(([name, build]) => [name, build(dialect)]));
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
