import { z } from 'zod';

/** Gateway settings, with units in the names. Defaults live here and nowhere else. */
export const gatewayConfigSchema = z.object({
  /** MQTT listener port (0 = any free port) */
  mqttPort: z.coerce.number().int().min(0).max(65535).default(1883),
  /** address the MQTT listener binds to; 0.0.0.0 to accept devices from the network */
  bindHost: z.string().min(1).default('127.0.0.1'),
  /** a CONNECT must arrive this soon after the TCP connection opens; idle sockets are closed after it */
  connectTimeoutMs: z.coerce.number().int().positive().default(5_000),
  /** connects per remote address allowed at once (token bucket size) */
  connectBurst: z.coerce.number().int().positive().default(200),
  /** connects per remote address and second, sustained */
  connectRatePerSec: z.coerce.number().positive().default(20),
  /** MQTT over TLS: PEM certificate chain and private key files; the TLS listener starts only when both are set */
  tlsCertFile: z.string().min(1).optional(),
  tlsKeyFile: z.string().min(1).optional(),
  /** port of the TLS listener */
  mqttsPort: z.coerce.number().int().min(0).max(65535).default(8883),
  /** readings per InfluxDB write request; 1,000-line batches were as fast as 5,000 here (ARCHITECTURE §8) */
  influxBatchLines: z.coerce.number().int().positive().default(1000),
  /** first retry delay after an InfluxDB outage; doubles per failure up to influxRetryMaxMs, with full jitter */
  influxRetryBaseMs: z.coerce.number().int().positive().default(250),
  influxRetryMaxMs: z.coerce.number().int().positive().default(10_000),
  /** size bound of the spool; when full the gateway stops acknowledging (back-pressure) instead of dropping */
  spoolMaxBytes: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
  /** how long a (device, seq) is remembered to store replays once */
  dedupWindowMs: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 60 * 60 * 1000),
  /** external-broker mode (docs/external-broker.md): when set, the gateway subscribes here and starts no broker */
  externalBrokerUrl: z.url({ protocol: /^(mqtts?|wss?)$/ }).optional(),
  /** the gateway's own credentials on the external broker */
  externalBrokerUsername: z.string().min(1).optional(),
  externalBrokerPassword: z.string().min(1).optional(),
  /** base client id of the subscriber connections (`<id>-0`, `<id>-1`, …); one per gateway worker */
  externalBrokerClientId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .default('rpm-gateway'),
  /** subscriber connections per worker: mqtt.js handles one message per connection at a time */
  externalBrokerConnections: z.coerce.number().int().min(1).max(64).default(2),
  /** shared-subscription group, the same for every worker; empty = plain subscriptions (one connection) */
  externalBrokerShareGroup: z
    .string()
    .regex(/^[^/+#]*$/, 'a share name may not contain / + #')
    .default('rpm-gateway'),
});
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** Maps RPM_* environment variables onto the gateway settings (unset ones take the defaults). */
export function gatewayConfigInput(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return {
    mqttPort: env['RPM_MQTT_PORT'],
    bindHost: env['RPM_BIND_HOST'],
    spoolMaxBytes: env['RPM_SPOOL_MAX_BYTES'],
    connectBurst: env['RPM_MQTT_CONNECT_BURST'],
    connectRatePerSec: env['RPM_MQTT_CONNECT_RATE_PER_SEC'],
    tlsCertFile: env['RPM_MQTT_TLS_CERT'] === '' ? undefined : env['RPM_MQTT_TLS_CERT'],
    tlsKeyFile: env['RPM_MQTT_TLS_KEY'] === '' ? undefined : env['RPM_MQTT_TLS_KEY'],
    mqttsPort: env['RPM_MQTTS_PORT'],
    influxRetryMaxMs: env['RPM_INFLUX_RETRY_MAX_MS'],
    externalBrokerUrl: env['RPM_EXTERNAL_BROKER_URL'] === '' ? undefined : env['RPM_EXTERNAL_BROKER_URL'],
    externalBrokerUsername: env['RPM_EXTERNAL_BROKER_USERNAME'] === '' ? undefined : env['RPM_EXTERNAL_BROKER_USERNAME'],
    externalBrokerPassword: env['RPM_EXTERNAL_BROKER_PASSWORD'] === '' ? undefined : env['RPM_EXTERNAL_BROKER_PASSWORD'],
    externalBrokerClientId: env['RPM_EXTERNAL_BROKER_CLIENT_ID'] === '' ? undefined : env['RPM_EXTERNAL_BROKER_CLIENT_ID'],
    externalBrokerConnections: env['RPM_EXTERNAL_BROKER_CONNECTIONS'] === '' ? undefined : env['RPM_EXTERNAL_BROKER_CONNECTIONS'],
    // empty is meaningful here: plain subscriptions
    externalBrokerShareGroup: env['RPM_EXTERNAL_BROKER_SHARE_GROUP'],
  };
}
