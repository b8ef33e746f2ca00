import type { IPublishPacket } from 'mqtt';
import { deviceTopics, parseDeviceTopic, type AcceptedReading, type RejectionReason } from '@rpm/contracts';
import { ingestReadings, type IngestReadingsDeps } from '../ingest/ingest-readings.ts';
import { ingestStatus, type IngestStatusDeps } from '../ingest/ingest-status.ts';
import { payloadPrefix } from '../ingest/payload-prefix.ts';
import type { Logger, ReadingListener } from '../ports.ts';
import { DeviceLookupCache } from './device-lookup-cache.ts';
import { SubscriberConnection } from './subscriber-connection.ts';

/** Settings of external-broker mode that GatewayConfig does not carry, with their units. */
export const EXTERNAL_BROKER_DEFAULTS = {
  keepaliveSec: 30,
  connectTimeoutMs: 10_000,
  /** first reconnect delay; doubles per failed attempt up to reconnectMaxMs, with jitter */
  reconnectBaseMs: 250,
  reconnectMaxMs: 10_000,
  /** start() fails when not every connection has subscribed by then */
  startTimeoutMs: 30_000,
  /** how long a device lookup is reused: a deactivated device's messages are refused at most this late */
  lookupCacheMs: 10_000,
  lookupCacheMaxEntries: 100_000,
};

export interface ExternalBrokerOptions extends Partial<typeof EXTERNAL_BROKER_DEFAULTS> {
  /** mqtt://, mqtts://, ws:// or wss:// */
  readonly url: string;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  /** connection i uses `${clientId}-${i}`; each gateway worker needs its own */
  readonly clientId: string;
  /** subscriber connections: mqtt.js handles one message of a connection at a time (ARCHITECTURE §8) */
  readonly connections: number;
  /** shared-subscription group, the same for every worker; '' = plain subscriptions (then one connection only) */
  readonly shareGroup: string;
}

export interface ExternalBrokerIngestDeps extends IngestReadingsDeps, IngestStatusDeps {
  /** receives the readings once they are in the spool */
  readonly onReadings: ReadingListener;
  readonly log: Logger;
}

/**
 * The gateway as a subscriber of an external broker (mosquitto, EMQX, VerneMQ, HiveMQ) instead of an embedded
 * aedes. The broker authenticates the devices and, by its ACL, lets each publish only under its own id; the gateway
 * takes the device id from the topic, looks the device up, and runs the same ingest steps as the embedded broker.
 * See docs/external-broker.md for the broker settings this depends on.
 */
export class ExternalBrokerIngest {
  private readonly options: ExternalBrokerOptions & typeof EXTERNAL_BROKER_DEFAULTS;
  private readonly deps: ExternalBrokerIngestDeps;
  private readonly devices: DeviceLookupCache;
  private subscribers: SubscriberConnection[] = [];

  constructor(options: ExternalBrokerOptions, deps: ExternalBrokerIngestDeps) {
    this.options = { ...EXTERNAL_BROKER_DEFAULTS, ...options };
    this.deps = deps;
    this.devices = new DeviceLookupCache(deps.directory, {
      ttlMs: this.options.lookupCacheMs,
      maxEntries: this.options.lookupCacheMaxEntries,
      now: deps.now,
    });
  }

  /** The topic filters each connection subscribes to. */
  get topics(): string[] {
    const prefix = this.options.shareGroup === '' ? '' : `$share/${this.options.shareGroup}/`;
    return [deviceTopics.readings('+'), deviceTopics.status('+')].map((t) => prefix + t);
  }

  /** every subscriber connection is up and subscribed (for readiness) */
  get connected(): boolean {
    return this.subscribers.length > 0 && this.subscribers.every((s) => s.connected);
  }

  /** Connects every subscriber; resolves once all are subscribed, fails after startTimeoutMs (and closes them). */
  async start(): Promise<void> {
    const o = this.options;
    let connections = o.connections;
    if (o.shareGroup === '' && connections > 1) {
      // without a shared subscription every connection would receive every message
      this.deps.log.warn({ connections }, 'plain subscriptions: using one subscriber connection');
      connections = 1;
    }
    const log = this.deps.log;
    this.subscribers = Array.from(
      { length: connections },
      (_, i) =>
        new SubscriberConnection(
          {
            url: o.url,
            clientId: `${o.clientId}-${i}`,
            username: o.username,
            password: o.password,
            topics: this.topics,
            keepaliveSec: o.keepaliveSec,
            connectTimeoutMs: o.connectTimeoutMs,
            reconnectBaseMs: o.reconnectBaseMs,
            reconnectMaxMs: o.reconnectMaxMs,
          },
          (packet) => this.ingest(packet),
          this.deps.onReadings,
          log,
        ),
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), o.startTimeoutMs)));
    const outcome = await Promise.race([Promise.all(this.subscribers.map((s) => s.start())), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      const reasons = [...new Set(this.subscribers.map((s) => s.lastError).filter((e) => e !== undefined))];
      await this.close();
      throw new Error(
        `external broker ${redactUrl(o.url)}: not subscribed within ${o.startTimeoutMs} ms (${reasons.join('; ') || 'no answer'})`,
      );
    }
    log.info({ url: redactUrl(o.url), connections, topics: this.topics }, 'subscribed to the external broker');
  }

  async close(): Promise<void> {
    const subscribers = this.subscribers;
    this.subscribers = [];
    await Promise.all(subscribers.map((s) => s.close()));
  }

  /** One message: resolves when it may be acknowledged; rejects (PUBACK withheld) when it could not be stored. */
  private async ingest(packet: IPublishPacket): Promise<readonly AcceptedReading[]> {
    try {
      return await this.ingestSteps(packet);
    } catch (error) {
      this.deps.metrics.notAcknowledged++;
      this.deps.log.warn(
        { topic: packet.topic.slice(0, 256), err: error instanceof Error ? error.message : String(error) },
        'message not acknowledged; the broker will redeliver it',
      );
      throw error;
    }
  }

  private async ingestSteps(packet: IPublishPacket): Promise<readonly AcceptedReading[]> {
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const topic = parseDeviceTopic(packet.topic);
    if (topic === undefined || topic.kind === 'commands') {
      await this.refuse(undefined, packet, 'TOPIC_INVALID', 'not a device protocol v1 topic');
      return [];
    }
    // a live message never carries the flag [MQTT-3.3.1-9]: this is a retained copy, sent again on subscribe
    if (packet.retain) {
      await this.refuse(topic.deviceId, packet, 'RETAIN_REFUSED', 'retained publishes are not accepted');
      return [];
    }
    // The broker authenticated the publisher and its ACL admits only the device's own topics: the id is the device's.
    const device = await this.devices.lookup(topic.deviceId);
    if (device === undefined) {
      await this.refuse(topic.deviceId, packet, 'TOPIC_INVALID', 'no active device with this id (unknown or deactivated)');
      return [];
    }
    if (topic.kind === 'readings') return ingestReadings(this.deps, device, packet.topic, payload);
    await ingestStatus(this.deps, device, packet.topic, payload);
    return [];
  }

  private refuse(deviceId: string | undefined, packet: IPublishPacket, reason: RejectionReason, detail: string): Promise<void> {
    const { metrics } = this.deps;
    metrics.messagesReceived++;
    metrics.messagesRejected++;
    metrics.countRejection(reason);
    return this.deps.quarantine.record([
      { deviceId, topic: packet.topic.slice(0, 256), reason, detail, payloadPrefix: payloadPrefix(packet.payload), at: this.deps.now() },
    ]);
  }
}

/** The URL without credentials, for logs and errors. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return 'an invalid URL';
  }
}
