import { statusMessageSchema, type DeviceIdentity } from '@rpm/contracts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { DeviceDirectory, QuarantineSink } from '../ports.ts';
import { payloadPrefix } from './payload-prefix.ts';

export interface IngestStatusDeps {
  readonly directory: DeviceDirectory;
  readonly quarantine: QuarantineSink;
  readonly metrics: GatewayMetrics;
  readonly now: () => number;
}

/**
 * A status message (battery, firmware, the device's clock) or the last will `{"online":false}`.
 * The device's clock is compared with the gateway's at receipt: the offset is recorded so readings from a device
 * with a wrong clock can be recognised (IEEE 11073 PHD "coincident time stamp").
 */
export async function ingestStatus(deps: IngestStatusDeps, device: DeviceIdentity, topic: string, payload: Buffer): Promise<void> {
  const at = deps.now();
  deps.metrics.statusMessages++;
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = statusMessageSchema.safeParse(json);
  if (!parsed.success) {
    const reason = json === undefined ? 'PAYLOAD_NOT_JSON' : 'MESSAGE_INVALID';
    deps.metrics.countRejection(reason);
    const issue = parsed.error.issues[0];
    await deps.quarantine.record([
      {
        deviceId: device.deviceId,
        topic,
        reason,
        detail: `${issue?.path.join('.') || 'status'}: ${issue?.message ?? 'invalid'}`,
        payloadPrefix: payloadPrefix(payload),
        at,
      },
    ]);
    return;
  }
  const { clock, ...rest } = parsed.data;
  await deps.directory.recordStatus({
    deviceId: device.deviceId,
    at,
    ...rest,
    ...(clock === undefined ? {} : { clockOffsetMs: Date.parse(clock) - at }),
  });
}
