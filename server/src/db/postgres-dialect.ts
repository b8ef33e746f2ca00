import { PostgresDialect } from 'kysely';
import { Pool, TypeOverrides } from 'pg';

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` (RPM_DATABASE_URL) */
  readonly url: string;
  /** connections held at most */
  readonly poolSize: number;
  /** the server cancels any statement running longer (0 = no limit) */
  readonly statementTimeoutMs: number;
  /** how long to wait for a connection, at start and from the pool */
  readonly connectTimeoutMs: number;
  /** told when an idle pooled connection breaks (server restart, network); the pool replaces it */
  readonly onIdleError?: ((error: Error) => void) | undefined;
}

/** PostgreSQL type OIDs whose text form the stores need as JavaScript numbers. */
const INT8_OID = 20;

/**
 * The URL without its password, for error messages and logs.
 */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return `${u.protocol}//${u.username === '' ? '' : `${u.username}@`}${u.host}${u.pathname}`;
  } catch {
    return 'an unparseable RPM_DATABASE_URL';
  }
}

/**
 * A pg pool for Kysely's PostgresDialect. int8 (bigint: the ms timestamps, identity ids, count(*)) comes back as a
 * JavaScript number, as SQLite gives it: pg's default is a string, to be safe beyond 2^53, which epoch milliseconds
 * and row counts never reach. The parser is set on this pool only, not pg's process-wide defaults.
 */
export function createPostgresPool(options: PostgresOptions): Pool {
  const types = new TypeOverrides();
  types.setTypeParser(INT8_OID, (text: string) => Number(text));
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    ...(options.statementTimeoutMs > 0 ? { statement_timeout: options.statementTimeoutMs } : {}),
    application_name: 'rpm',
    types,
  });
  // without a listener, an idle connection that breaks would throw from an event emitter and end the process
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

/**
 * Checks that the server answers before anything else starts, so a wrong or unreachable RPM_DATABASE_URL stops the
 * start with one clear line instead of a migration error.
 */
export async function assertPostgresReachable(pool: Pool, url: string): Promise<void> {
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    throw new Error(`cannot connect to PostgreSQL at ${describePostgresUrl(url)} (RPM_DATABASE_URL): ${reason}`, { cause: error });
  }
}

export function postgresDialect(pool: Pool): PostgresDialect {
  return new PostgresDialect({ pool });
}
