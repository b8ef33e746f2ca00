import { connect, type DoneCallback, type IPublishPacket, type MqttClient } from 'mqtt';
import type { AcceptedReading } from '@rpm/contracts';
import type { Logger, ReadingListener } from '../ports.ts';

export interface SubscriberConnectionOptions {
  readonly url: string;
  /** fixed, so the broker keeps this connection's session (subscriptions and unacknowledged messages) across restarts */
  readonly clientId: string;
  readonly username: string | undefined;
  readonly password: string | undefined;
  /** topic filters, subscribed with QoS 1 on every connect */
  readonly topics: readonly string[];
  readonly keepaliveSec: number;
  readonly connectTimeoutMs: number;
  /** first reconnect delay; doubles per failed attempt up to reconnectMaxMs, with jitter */
  readonly reconnectBaseMs: number;
  readonly reconnectMaxMs: number;
}

/**
 * Ingests one message. Resolves once it may be acknowledged (it is in the spool, or quarantined), with the readings
 * newly stored; rejects to withhold the PUBACK.
 */
export type MessageHandler = (packet: IPublishPacket) => Promise<readonly AcceptedReading[]>;

const WITHHELD = new Error('PUBACK withheld: an earlier message of this connection was not stored');
const REPLACED = new Error('PUBACK withheld: the connection closed while the message was being stored');

/**
 * One mqtt.js subscriber connection to the external broker. mqtt.js sends the PUBACK of a QoS 1 message only after
 * `handleMessage` calls back without an error (lib/handlers/publish.js), and reads the connection's next message only
 * then (ARCHITECTURE §8), so the spool's group commit is all a PUBACK waits for.
 *
 * Calling back with an error sends no PUBACK, but mqtt.js keeps the connection open and goes on with the next message,
 * and the broker does not resend on an open connection (MQTT 3.1.1 §4.4: only after a reconnect; mosquitto 2.0 has no
 * retry interval): the message would sit unacknowledged for ever. So a failure withholds the PUBACK of every later
 * message of the connection too, closes it, and reconnects with backoff: the persistent session redelivers all of
 * them [MQTT-4.4.0-1], and the spool stores each (device, seq) once.
 */
export class SubscriberConnection {
  private readonly options: SubscriberConnectionOptions;
  private readonly handle: MessageHandler;
  private readonly onStored: ReadingListener;
  private readonly log: Logger;
  private client: MqttClient | undefined;
  private subscribed = false;
  private readonly firstSubscribed = Promise.withResolvers<undefined>();
  /** set by a failure or a closed connection; cleared when the connection is replaced */
  private withholding = false;
  /** true from a failure until a message is acknowledged again: reconnects keep backing off meanwhile */
  private failing = false;
  private attempts = 0;
  private closing = false;
  /** the message being stored (never rejects) */
  private inFlight: Promise<void> = Promise.resolve();
  private lastErrorMessage: string | undefined;

  constructor(options: SubscriberConnectionOptions, handle: MessageHandler, onStored: ReadingListener, log: Logger) {
    this.options = options;
    this.handle = handle;
    this.onStored = onStored;
    this.log = log;
  }

  /** connected to the broker and subscribed */
  get connected(): boolean {
    return this.client?.connected === true && this.subscribed;
  }

  get lastError(): string | undefined {
    return this.lastErrorMessage;
  }

  /** Connects (and reconnects for ever); resolves after the first successful subscription. */
  async start(): Promise<void> {
    const o = this.options;
    const client = connect(o.url, {
      clientId: o.clientId,
      username: o.username,
      password: o.password,
      // a persistent session: the broker keeps the subscriptions, queues while we are away, and redelivers what was
      // not acknowledged [MQTT-3.1.2-4]
      clean: false,
      // MQTT 5 would end the session at disconnect unless a Session Expiry Interval is set; 3.1.1 keeps it
      protocolVersion: 4,
      keepalive: o.keepaliveSec,
      connectTimeout: o.connectTimeoutMs,
      reconnectPeriod: o.reconnectBaseMs,
      reconnectOnConnackError: true,
      // subscribed on every connect below, whether or not the broker kept the session
      resubscribe: false,
    });
    client.handleMessage = (packet, callback) => this.onMessage(client, packet, callback);
    // before mqtt.js's own 'close' listener, which arms the reconnect timer with options.reconnectPeriod
    client.prependListener('close', () => {
      this.subscribed = false;
      // messages of the closed connection still queued in mqtt.js cannot be acknowledged any more
      this.withholding = true;
      client.options.reconnectPeriod = this.nextDelayMs();
    });
    client.on('connect', (connack) => {
      this.withholding = false;
      if (!this.failing) this.attempts = 0;
      this.log.info({ clientId: o.clientId, sessionPresent: connack.sessionPresent }, 'connected to the external broker');
      this.subscribe(client);
    });
    client.on('error', (error) => {
      this.lastErrorMessage = error.message;
      this.log.warn({ clientId: o.clientId, err: error.message }, 'external broker connection error');
    });
    client.on('offline', () => this.log.warn({ clientId: o.clientId }, 'external broker connection lost; reconnecting'));
    this.client = client;
    await this.firstSubscribed.promise;
  }

  /** Lets the message being stored get its PUBACK, withholds the rest (they are redelivered at the next start). */
  async close(): Promise<void> {
    this.closing = true;
    const client = this.client;
    this.client = undefined;
    if (client === undefined) return;
    await this.inFlight;
    if (!client.connected) {
      client.end(true);
      return;
    }
    // end(false) sends DISCONNECT after the PUBACKs already written; it can wait for a 'close' that a dying socket
    // never emits, so it is bounded
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      client.endAsync(false).catch(() => undefined),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, 2_000))),
    ]);
    clearTimeout(timer);
    if (!client.disconnected) client.end(true);
  }

  private subscribe(client: MqttClient): void {
    client.subscribe([...this.options.topics], { qos: 1 }, (error, granted) => {
      if (error) {
        this.log.warn({ clientId: this.options.clientId, err: error.message }, 'subscribe failed');
        return;
      }
      const refused = (granted ?? []).filter((g) => g.qos !== 1);
      if (refused.length > 0) {
        // [MQTT-3.9.3]: 0x80 is a refusal (ACL); QoS 0 would lose the PUBACK guarantee
        this.lastErrorMessage = `subscriptions not granted with QoS 1: ${refused.map((g) => `${g.topic} → ${g.qos}`).join(', ')}`;
        this.log.error({ clientId: this.options.clientId, refused }, 'external broker did not grant the subscriptions');
        return;
      }
      this.subscribed = true;
      this.firstSubscribed.resolve(undefined);
    });
  }

  private onMessage(client: MqttClient, packet: IPublishPacket, callback: DoneCallback): void {
    if (this.withholding || this.closing) {
      callback(WITHHELD);
      return;
    }
    const stream = client.stream;
    this.inFlight = this.handle(packet).then(
      (stored) => {
        // mqtt.js queues a PUBACK made while disconnected and sends it on the next connection, where the message id
        // may already name another message: acknowledge only on the connection the message came on
        if (client.stream === stream && client.connected) {
          this.failing = false;
          callback();
        } else {
          callback(REPLACED);
        }
        // stored even when not acknowledged: the redelivery will be a duplicate, which the spool does not hand on
        if (stored.length > 0) this.handOn(stored);
      },
      (error: unknown) => {
        this.failing = true;
        if (!this.withholding) {
          this.withholding = true;
          client.stream.destroy();
        }
        callback(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  private handOn(stored: readonly AcceptedReading[]): void {
    try {
      this.onStored(stored);
    } catch (error) {
      this.log.error({ err: error }, 'reading listener failed');
    }
  }

  /** Exponential backoff with equal jitter: half the delay fixed, half random. */
  private nextDelayMs(): number {
    const { reconnectBaseMs, reconnectMaxMs } = this.options;
    const ceiling = Math.min(reconnectMaxMs, reconnectBaseMs * 2 ** Math.min(this.attempts, 20));
    this.attempts++;
    return Math.max(1, Math.round(ceiling / 2 + (Math.random() * ceiling) / 2));
  }
}
