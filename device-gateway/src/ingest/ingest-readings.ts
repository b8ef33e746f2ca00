import { decodeReadingsMessage, type AcceptedReading, type DeviceIdentity, type QuarantineEntry } from '@rpm/contracts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { QuarantineSink, ReadingListener } from '../ports.ts';
import type { BatchingWriter } from '../storage/batching-writer.ts';
import { checkMeasurementTimes } from './check-measurement-times.ts';
import { payloadPrefix } from './payload-prefix.ts';

export interface IngestReadingsDeps {
  readonly writer: BatchingWriter;
  readonly quarantine: QuarantineSink;
  readonly onReadings: ReadingListener;
  readonly metrics: GatewayMetrics;
  readonly now: () => number;
}

/**
 * One readings message, in order: decode → check times → quarantine the refused → store the accepted.
 * Resolves when everything the message carried is durable (stored or quarantined): only then may the broker send
 * the PUBACK. Rejects when storage failed: the PUBACK is withheld and the device sends the message again.
 * The accepted readings are returned for the caller to hand on once the PUBACK is on its way.
 */
export async function ingestReadings(
  deps: IngestReadingsDeps,
  device: DeviceIdentity,
  topic: string,
  payload: Buffer,
): Promise<readonly AcceptedReading[]> {
  const { metrics } = deps;
  const receivedAt = deps.now();
  metrics.messagesReceived++;

  const decoded = decodeReadingsMessage(payload);
  if (!decoded.ok) {
    metrics.messagesRejected++;
    metrics.countRejection(decoded.reason);
    await deps.quarantine.record([
      {
        deviceId: device.deviceId,
        topic,
        reason: decoded.reason,
        detail: decoded.detail,
        payloadPrefix: payloadPrefix(payload),
        at: receivedAt,
      },
    ]);
    return [];
  }

  const timed = checkMeasurementTimes(decoded.accepted, device, receivedAt);
  const refused = [...decoded.rejected, ...timed.rejected];
  const quarantined: QuarantineEntry[] = refused.map((r) => ({
    deviceId: device.deviceId,
    topic,
    reason: r.reason,
    detail: r.detail,
    payloadPrefix: payloadPrefix(payload),
    ...('index' in r && typeof r.index === 'number' ? { readingIndex: r.index } : {}),
    seq: decoded.seq,
    at: receivedAt,
  }));
  for (const r of refused) metrics.countRejection(r.reason);
  metrics.readingsRejected += refused.length;

  const accepted: AcceptedReading[] = timed.accepted.map((reading) => ({
    deviceId: device.deviceId,
    patientId: device.patientId,
    seq: decoded.seq,
    receivedAt,
    reading,
  }));
  await Promise.all([deps.writer.write(accepted), quarantined.length > 0 ? deps.quarantine.record(quarantined) : undefined]);
  metrics.messagesAccepted++;
  metrics.readingsAccepted += accepted.length;
  return accepted;
}
