import { z } from 'zod';

/** Gateway settings, with units in the names. Defaults live here and nowhere else. */
export const gatewayConfigSchema = z.object({
  /** MQTT listener port (0 = any free port) */
  mqttPort: z.coerce.number().int().min(0).max(65535).default(1883),
  /** address the MQTT listener binds to; 0.0.0.0 to accept devices from the network */
  bindHost: z.string().min(1).default('127.0.0.1'),
  /** a CONNECT must arrive this soon after the TCP connection opens */
  connectTimeoutMs: z.coerce.number().int().positive().default(10_000),
  /** readings per InfluxDB write request; 1,000-line batches were as fast as 5,000 here (ARCHITECTURE §8) */
  influxBatchLines: z.coerce.number().int().positive().default(1000),
  /** longest a reading waits for its batch to fill before it is written */
  influxFlushIntervalMs: z.coerce.number().int().nonnegative().default(10),
  /** concurrent InfluxDB write requests; more than 2 gained nothing on 1.6.7 (ARCHITECTURE §8) */
  influxMaxInFlight: z.coerce.number().int().positive().default(2),
});
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** Maps RPM_* environment variables onto the gateway settings (unset ones take the defaults). */
export function gatewayConfigInput(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return {
    mqttPort: env['RPM_MQTT_PORT'],
    bindHost: env['RPM_BIND_HOST'],
  };
}
