/**
 * Where the server reads readings from. Same shape as the gateway's InfluxConfig (device-gateway/src/storage/
 * influx-config.ts), kept apart because server/ may import only contracts/ (ARCHITECTURE §2); the composition root
 * passes one parsed object to both.
 *
 * Reads use InfluxQL over the v1 `/query` API, which InfluxDB 1.x, 2.x (v1 compatibility API) and 3.x all answer.
 */
export interface InfluxConfig {
  /** base URL without a path, e.g. `http://127.0.0.1:8086` */
  url: string;
  /** database queried (`db` of /query); on 2.x it must have a DBRP mapping to the bucket, on 3.x it is the database */
  database: string;
  /** retention policy queried (`rp` of /query); unset = the database's default policy */
  retentionPolicy?: string;
  /** v1: InfluxDB 1.x (credentials as `u`/`p`); v2: 2.x/3.x/1.8+ with a token */
  apiVersion: 'v1' | 'v2';
  /** v2: API token, sent as `Authorization: Token <token>` */
  token?: string;
  /** v2: organisation (used by writes; /query does not need it) */
  org?: string;
  /** v2: bucket written by the gateway (reads go through `database`) */
  bucket?: string;
  /** v1: user name when the server has auth-enabled */
  username?: string;
  /** v1: password of `username` */
  password?: string;
}
