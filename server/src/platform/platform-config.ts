import { z } from 'zod';
import { gatewayConfigInput, gatewayConfigSchema, type GatewayConfig } from '@rpm/device-gateway';
import { serverConfigInput, serverConfigSchema, type ServerConfig } from '../config.ts';

/** InfluxDB settings: unset RPM_INFLUX_URL means the platform starts and manages its own influxd. */
const influxSchema = z
  .object({
    url: z.url().optional(),
    database: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .default('rpm'),
    retentionPolicy: z.string().min(1).optional(),
    apiVersion: z.enum(['v1', 'v2']).optional(),
    token: z.string().min(1).optional(),
    org: z.string().min(1).optional(),
    bucket: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    /** port of the managed influxd; 0 = a free port */
    managedPort: z.coerce.number().int().min(0).max(65535).default(0),
    managedBinary: z.string().min(1).default('influxd'),
  })
  .transform((c) => ({ ...c, apiVersion: c.apiVersion ?? (c.token === undefined ? ('v1' as const) : ('v2' as const)) }));

/** Relational database: unset RPM_DATABASE_URL means the SQLite file `rpm.sqlite` in the data directory. */
const databaseSchema = z.object({
  /** PostgreSQL instead of SQLite; never echoed in errors (it may hold a password) */
  url: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v), 'RPM_DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  /** PostgreSQL connections held at most */
  poolSize: z.coerce.number().int().min(1).max(1000).default(10),
  /** PostgreSQL cancels a statement that runs longer; 0 = no limit */
  statementTimeoutMs: z.coerce.number().int().min(0).default(30_000),
  /** how long to wait for a PostgreSQL connection, at start and from the pool */
  connectTimeoutMs: z.coerce.number().int().min(100).default(10_000),
});

const platformSchema = z.object({
  /** password of the built-in admin user: set at first start; a random one is printed when unset */
  adminPassword: z.string().min(10, 'RPM_ADMIN_PASSWORD must have at least 10 characters').optional(),
  /** size of the simulated demo fleet; 0 = none */
  simDevices: z.coerce.number().int().min(0).max(10_000).default(12),
  /** password of the demo clinician `nurse`; a random one is printed when unset */
  demoPassword: z.string().min(10).optional(),
  /** seconds between the demo devices' readings */
  simIntervalMs: z.coerce.number().int().min(100).default(5000),
});

export interface PlatformConfig {
  readonly gateway: GatewayConfig;
  readonly server: ServerConfig;
  readonly influx: z.infer<typeof influxSchema>;
  readonly database: z.infer<typeof databaseSchema>;
  readonly platform: z.infer<typeof platformSchema>;
}

/** Parses every RPM_* setting at once; throws one error that lists every problem. */
export function parsePlatformConfig(env: NodeJS.ProcessEnv, defaults: { dashboardDir: string }): PlatformConfig {
  const empty = (v: string | undefined): string | undefined => (v === '' ? undefined : v);
  const results = {
    gateway: gatewayConfigSchema.safeParse(gatewayConfigInput(env)),
    server: serverConfigSchema.safeParse({
      ...serverConfigInput(env),
      dashboardDir: empty(env['RPM_DASHBOARD_DIR']) ?? defaults.dashboardDir,
    }),
    influx: influxSchema.safeParse({
      url: empty(env['RPM_INFLUX_URL']),
      database: empty(env['RPM_INFLUX_DATABASE']),
      retentionPolicy: empty(env['RPM_INFLUX_RETENTION_POLICY']),
      apiVersion: empty(env['RPM_INFLUX_API_VERSION']),
      token: empty(env['RPM_INFLUX_TOKEN']),
      org: empty(env['RPM_INFLUX_ORG']),
      bucket: empty(env['RPM_INFLUX_BUCKET']),
      username: empty(env['RPM_INFLUX_USERNAME']),
      password: empty(env['RPM_INFLUX_PASSWORD']),
      managedPort: empty(env['RPM_INFLUXD_PORT']),
      managedBinary: empty(env['RPM_INFLUXD_BINARY']),
    }),
    database: databaseSchema.safeParse({
      url: empty(env['RPM_DATABASE_URL']),
      poolSize: empty(env['RPM_DATABASE_POOL_SIZE']),
      statementTimeoutMs: empty(env['RPM_DATABASE_STATEMENT_TIMEOUT_MS']),
      connectTimeoutMs: empty(env['RPM_DATABASE_CONNECT_TIMEOUT_MS']),
    }),
    platform: platformSchema.safeParse({
      adminPassword: empty(env['RPM_ADMIN_PASSWORD']),
      simDevices: empty(env['RPM_SIM_DEVICES']),
      demoPassword: empty(env['RPM_DEMO_PASSWORD']),
      simIntervalMs: empty(env['RPM_SIM_INTERVAL_MS']),
    }),
  };
  const problems = Object.entries(results).flatMap(([section, r]) =>
    r.success ? [] : r.error.issues.map((i) => `${section}.${i.path.join('.')}: ${i.message}`),
  );
  if (
    !results.gateway.success ||
    !results.server.success ||
    !results.influx.success ||
    !results.database.success ||
    !results.platform.success
  ) {
    throw new Error(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return {
    gateway: results.gateway.data,
    server: results.server.data,
    influx: results.influx.data,
    database: results.database.data,
    platform: results.platform.data,
  };
}
