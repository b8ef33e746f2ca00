import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';

/**
 * Kysely's SqliteDialect over Node's built-in node:sqlite (no native addon to build). node:sqlite binds no
 * booleans, so they become 0/1 here; prepared statements are cached per SQL text.
 */
export function nodeSqliteDialect(db: DatabaseSync): SqliteDialect {
  const cache = new Map<string, SqliteStatement>();
  const bind = (params: readonly unknown[]): (null | number | bigint | string | Uint8Array)[] =>
    params.map((p) =>
      typeof p === 'boolean' ? (p ? 1 : 0) : p === undefined ? null : (p as null | number | bigint | string | Uint8Array),
    );

  const wrap = (stmt: StatementSync): SqliteStatement => ({
    reader: stmt.columns().length > 0,
    all: (params) => stmt.all(...bind(params)),
    run: (params) => {
      const r = stmt.run(...bind(params));
      return { changes: r.changes, lastInsertRowid: r.lastInsertRowid };
    },
    iterate: (params) => stmt.iterate(...bind(params)),
  });

  const database: SqliteDatabase = {
    close: () => db.close(),
    prepare: (sql) => {
      let stmt = cache.get(sql);
      if (stmt === undefined) {
        stmt = wrap(db.prepare(sql));
        if (cache.size > 500) cache.clear();
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
  return new SqliteDialect({ database });
}

/** Opens (creating) the database file with the settings a durable, concurrent-reader store needs. */
export function openSqliteFile(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}
