/**
 * How the drainer treats a failed InfluxDB write. `refused`: InfluxDB rejected the lines themselves (400, 413, 422
 * — retrying the same lines cannot succeed, so they are bisected and the culprits set aside). `database-missing`:
 * 404 database not found (create it, then retry). Everything else — network errors, timeouts, 5xx, 401/403 while
 * credentials are being fixed — is an outage: retry for ever.
 */
export type InfluxErrorKind = 'refused' | 'database-missing' | 'outage';

export function influxErrorKind(error: unknown): InfluxErrorKind {
  const status = typeof error === 'object' && error !== null && 'statusCode' in error ? error.statusCode : undefined;
  if (status === 404) return 'database-missing';
  if (status === 400 || status === 413 || status === 422) return 'refused';
  return 'outage';
}
