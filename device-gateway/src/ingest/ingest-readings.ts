import { hash } from 'node:crypto';
import { decodeReadingsMessage, type AcceptedReading, type DeviceIdentity, type QuarantineEntry } from '@rpm/contracts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { QuarantineSink } from '../ports.ts';
import type { Spool } from '../spool/spool.ts';
import { checkMeasurementTimes } from './check-measurement-times.ts';
import { payloadPrefix } from './payload-prefix.ts';

export interface IngestReadingsDeps {
  readonly spool: Spool;
  readonly quarantine: QuarantineSink;
  readonly metrics: GatewayMetrics;
  readonly now: () => number;
  /** called after a message was spooled (wakes the drainer) */
  readonly onSpooled: () => void;
}

/**
 * One readings message, in order: decode → check times → quarantine the refused → spool the accepted (fsync).
 * Resolves when everything the message carried is durable: only then may the broker send the PUBACK. Rejects when
 * the spool is full or failed: the PUBACK is withheld and the device sends the message again later.
 * Returns the newly stored readings in measurement order, for the rules; a replayed message returns none.
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
  const readings = inMeasurementOrder(timed.accepted);
  const outcome = await deps.spool.append({
    deviceId: device.deviceId,
    patientId: device.patientId,
    seq: decoded.seq,
    receivedAt,
    readings,
    digest: hash('sha1', payload, 'base64'),
  });
  if (outcome === 'duplicate') {
    metrics.duplicates++;
    return [];
  }
  deps.onSpooled();

  if (decoded.rejected.length + timed.rejected.length > 0) {
    const refused = [...decoded.rejected, ...timed.rejected];
    const prefix = payloadPrefix(payload);
    const entries: QuarantineEntry[] = refused.map((r) => ({
      deviceId: device.deviceId,
      topic,
      reason: r.reason,
      detail: r.detail,
      payloadPrefix: prefix,
      ...('index' in r && typeof r.index === 'number' ? { readingIndex: r.index } : {}),
      seq: decoded.seq,
      at: receivedAt,
    }));
    for (const r of refused) metrics.countRejection(r.reason);
    metrics.readingsRejected += refused.length;
    await deps.quarantine.record(entries);
  }
  metrics.messagesAccepted++;
  metrics.readingsAccepted += readings.length;
  return readings.map((reading) => ({ deviceId: device.deviceId, patientId: device.patientId, seq: decoded.seq, receivedAt, reading }));
}

/**
 * The readings sorted by measurement time. Devices send them in order almost always (one reading, or a
 * store-and-forward upload oldest first), so the array is returned as it is unless it is out of order, rather than
 * copied and sorted for every message on the hot path.
 */
function inMeasurementOrder<T extends { readonly at: number }>(readings: readonly T[]): readonly T[] {
  for (let i = 1; i < readings.length; i++) {
    if ((readings[i]?.at ?? 0) < (readings[i - 1]?.at ?? 0)) return [...readings].sort((a, b) => a.at - b.at);
  }
  return readings;
}
