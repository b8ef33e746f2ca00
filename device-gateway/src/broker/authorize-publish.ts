import type { Client, PublishPacket } from 'aedes';
import { parseDeviceTopic, type AcceptedReading } from '@rpm/contracts';
import type { DeviceSessions } from '../ingest/device-sessions.ts';
import { ingestReadings, type IngestReadingsDeps } from '../ingest/ingest-readings.ts';
import { ingestStatus, type IngestStatusDeps } from '../ingest/ingest-status.ts';
import { payloadPrefix } from '../ingest/payload-prefix.ts';
import type { Logger, ReadingListener } from '../ports.ts';

export interface AuthorizePublishDeps extends IngestReadingsDeps, IngestStatusDeps {
  readonly sessions: DeviceSessions;
  readonly onReadings: ReadingListener;
  readonly log: Logger;
}

/**
 * The ingest path lives here because aedes sends the PUBACK as soon as this callback returns without error
 * (lib/handlers/publish.js: [authorizePublish, enqueuePublish]). So the message is decoded, validated and made
 * durable first; only then is `done()` called. An error closes the connection without a PUBACK and the device
 * sends again [MQTT-4.3.2]. An invalid payload is quarantined and then acknowledged, so a poison message cannot
 * loop for ever. Nothing is forwarded to subscribers: devices may only subscribe to their own commands topic.
 */
export function authorizePublish(deps: AuthorizePublishDeps) {
  const refuse = (
    deviceId: string | undefined,
    packet: PublishPacket,
    reason: 'TOPIC_INVALID' | 'RETAIN_REFUSED',
    detail: string,
  ): Promise<void> => {
    deps.metrics.messagesReceived++;
    deps.metrics.messagesRejected++;
    deps.metrics.countRejection(reason);
    return deps.quarantine.record([
      { deviceId, topic: packet.topic.slice(0, 256), reason, detail, payloadPrefix: payloadPrefix(packet.payload), at: deps.now() },
    ]);
  };

  return (client: Client | null, packet: PublishPacket, done: (error?: Error | null) => void): void => {
    const identity = deps.sessions.identityOf(client);
    if (identity === undefined) {
      // broker-internal publishes (client null) are not expected; an unauthenticated client cannot get here
      done(new Error('not authorised'));
      return;
    }
    const topic = parseDeviceTopic(packet.topic);
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;

    let work: Promise<readonly AcceptedReading[] | undefined>;
    if (topic === undefined || topic.deviceId !== identity.deviceId || topic.kind === 'commands') {
      const foreign = topic !== undefined && topic.deviceId !== identity.deviceId;
      work = refuse(
        identity.deviceId,
        packet,
        'TOPIC_INVALID',
        foreign ? 'publish to another device’s topic' : 'not a device protocol v1 topic',
      ).then(() => {
        // Publishing as another device is an attack, not a bug: close the connection [MQTT-3.3.5-2].
        if (foreign) throw new Error('publish to a foreign topic');
        return undefined;
      });
    } else if (packet.retain) {
      packet.retain = false;
      work = refuse(identity.deviceId, packet, 'RETAIN_REFUSED', 'retained publishes are not accepted').then(() => undefined);
    } else if (topic.kind === 'readings') {
      work = ingestReadings(deps, identity, packet.topic, payload);
    } else {
      work = ingestStatus(deps, identity, packet.topic, payload).then(() => undefined);
    }

    work.then(
      (accepted) => {
        done(null);
        if (accepted !== undefined && accepted.length > 0) deps.onReadings(accepted);
      },
      (error: unknown) => {
        deps.metrics.notAcknowledged++;
        deps.log.warn(
          { deviceId: identity.deviceId, err: error instanceof Error ? error.message : String(error) },
          'message not acknowledged; connection closed',
        );
        done(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };
}
