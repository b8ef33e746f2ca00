/**
 * The relational engines the platform runs on: SQLite (node:sqlite, the embedded default) and PostgreSQL (pg).
 * Migrations branch on it where the two need different SQL; the stores use one query-builder code for both.
 */
export type SqlDialect = 'sqlite' | 'postgres';
