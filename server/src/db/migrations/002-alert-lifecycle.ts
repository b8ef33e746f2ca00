import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { SqlDialect } from '../sql-dialect.ts';
import { withIdColumn } from './portable-ddl.ts';

/** The alert lifecycle: assignment, snooze, escalation tiers, resolution, and a history of every transition. */
export const alertLifecycle = (dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>): Promise<void> {
    for (const [column, type] of [
      ['assigned_to', 'text'],
      ['assigned_at', 'bigint'],
      ['snoozed_until', 'bigint'],
      ['escalated_at', 'bigint'],
      ['resolved_by', 'text'],
      ['resolution', 'text'],
      ['resolution_note', 'text'],
    ] as const) {
      await db.schema.alterTable('alerts').addColumn(column, type).execute();
    }
    await db.schema
      .alterTable('alerts')
      .addColumn('escalation_tier', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();

    await withIdColumn(db.schema.createTable('alert_events'), dialect)
      .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id'))
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('alert_events_alert').on('alert_events').columns(['alert_id', 'id']).execute();
  },
});
