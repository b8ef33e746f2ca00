export { Gateway, type GatewayDeps, type GatewayReadiness } from './gateway.ts';
export { gatewayConfigSchema, gatewayConfigInput, type GatewayConfig } from './config.ts';
export type { DeviceDirectory, QuarantineSink, ReadingListener, Logger } from './ports.ts';
export { GatewayMetrics } from './metrics/gateway-metrics.ts';
export * from './storage/index.ts';
export { SqliteSpool, type SqliteSpoolOptions } from './spool/sqlite-spool.ts';
export type { Spool, SpoolStats, DeadLetter } from './spool/spool.ts';
export { SpoolFullError } from './spool/spool-errors.ts';
export { SpoolDrainer } from './spool/spool-drainer.ts';
