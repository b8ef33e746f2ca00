import { z } from 'zod';

/** Server settings, with units in the names. Defaults live here and nowhere else. */
export const serverConfigSchema = z.object({
  /** HTTP port of the API, the dashboard and socket.io (0 = any free port) */
  httpPort: z.coerce.number().int().min(0).max(65535).default(8080),
  /** address the HTTP server binds to; 0.0.0.0 to serve the network */
  bindHost: z.string().min(1).default('127.0.0.1'),
  /** where the database file (and the managed InfluxDB) live */
  dataDir: z.string().min(1).default('.data'),
  /** how long a login session lasts */
  sessionTtlMs: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 60 * 60 * 1000),
  /** the built dashboard served at / */
  dashboardDir: z.string().min(1),
  /** a high-priority alert not acknowledged this long goes to the next tier (nurse → doctor → on-call) */
  escalateHighMs: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 60 * 1000),
  /** a medium-priority alert not acknowledged this long goes to the next tier */
  escalateMediumMs: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 60 * 1000),
  /** how often escalations and snooze expiries are checked */
  alertSweepIntervalMs: z.coerce.number().int().positive().default(15_000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type ServerConfig = z.infer<typeof serverConfigSchema>;

/** Maps RPM_* environment variables onto the server settings (unset ones take the defaults). */
export function serverConfigInput(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return {
    httpPort: env['RPM_HTTP_PORT'],
    bindHost: env['RPM_BIND_HOST'],
    dataDir: env['RPM_DATA_DIR'],
    sessionTtlMs: env['RPM_SESSION_TTL_MS'],
    logLevel: env['RPM_LOG_LEVEL'],
    escalateHighMs: env['RPM_ESCALATE_HIGH_MS'],
    escalateMediumMs: env['RPM_ESCALATE_MEDIUM_MS'],
    alertSweepIntervalMs: env['RPM_ALERT_SWEEP_INTERVAL_MS'],
  };
}
