/**
 * Where and how the platform writes readings to InfluxDB and reads them back. Shared by the gateway (writes) and the
 * server (reads), which may not import each other; the composition root passes one parsed object to both.
 *
 * `v1` speaks the InfluxDB 1.x HTTP API (`/write`, `/query`, `/ping`): every 1.x server, including Debian's 1.6.7 that
 * tests and the demo run, which predates the `/api/v2/write` compatibility endpoint added in 1.8.
 * `v2` speaks `/api/v2/write` with a token: InfluxDB 2.x, 3.x, Cloud, and 1.8+ (1.8 takes `username:password` as the
 * token and `database/retention-policy` as the bucket).
 * Reads always use InfluxQL over `/query`, which all of them answer (ARCHITECTURE §3).
 */
export interface InfluxConfig {
  /** base URL without a path, e.g. `http://127.0.0.1:8086` */
  url: string;
  /**
   * v1: the database written and queried. v2: the database name InfluxQL reads use on `/query` (3.x: the database;
   * 2.x: a DBRP mapping to the bucket, `influx v1 dbrp create`); also the bucket when `bucket` is not set.
   */
  database: string;
  /** v1: retention policy written and queried; unset = the database's default policy. */
  retentionPolicy?: string;
  /** which write API the server speaks (see above) */
  apiVersion: 'v1' | 'v2';
  /** v2: API token, sent as `Authorization: Token <token>` */
  token?: string;
  /** v2: organisation name or id (2.x requires it; 3.x ignores it) */
  org?: string;
  /** v2: bucket written to; defaults to `database` */
  bucket?: string;
  /** v1: user name when the server has auth-enabled */
  username?: string;
  /** v1: password of `username` */
  password?: string;
}
