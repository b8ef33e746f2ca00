export { Gateway, type GatewayDeps, type GatewayReadiness } from './gateway.ts';
export { gatewayConfigSchema, gatewayConfigInput, type GatewayConfig } from './config.ts';
export type { DeviceDirectory, QuarantineSink, ReadingListener, Logger } from './ports.ts';
export { GatewayMetrics } from './metrics/gateway-metrics.ts';
export * from './storage/index.ts';
