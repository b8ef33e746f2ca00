import type { Socket } from 'node:net';
import { generate, parser as createParser, type Packet, type Parser } from 'mqtt-packet';
import { MessageIds } from './message-ids.ts';
import { openBrokerSocket } from './open-broker-socket.ts';

/** How a device reaches its broker and presents itself. MQTT 3.1.1 only: the device protocol v1's version. */
export interface DeviceMqttOptions {
  /** mqtt://host:port (or tcp:); mqtts:// (or ssl:) for MQTT over TLS */
  readonly url: string;
  /** connect from this local (source) address, e.g. 127.0.0.2; default: the OS picks */
  readonly localAddress?: string;
  readonly clientId: string;
  readonly username: string;
  readonly password: string;
  /** seconds; a PINGREQ goes when nothing was sent for this long [MQTT-3.1.2-23] */
  readonly keepaliveS: number;
  /** how long to wait for CONNACK, ms */
  readonly connectTimeoutMs: number;
  /** published by the broker if the connection drops without DISCONNECT [MQTT-3.1.2-8]; QoS 1, never retained */
  readonly will: { readonly topic: string; readonly payload: string };
}

/** What the device is told about its connection. Plain callbacks: one object per device, not an EventEmitter. */
export interface DeviceMqttEvents {
  onConnect(): void;
  /** the connection ended or could not be made (a refused CONNACK included); the client does not retry by itself */
  onClose(): void;
  onError(error: Error): void;
}

export type PublishDone = (error?: Error) => void;

interface InFlight {
  readonly topic: string;
  readonly payload: string;
  readonly done: PublishDone | undefined;
  /** written on a connection before: a resend carries DUP [MQTT-3.3.1-1] */
  sent: boolean;
}

const PROTOCOL_VERSION = 4; // MQTT 3.1.1
const CONNACK_REFUSED = [
  '',
  'unacceptable protocol version',
  'identifier rejected',
  'server unavailable',
  'bad username or password',
  'not authorized',
];

/**
 * A lean MQTT 3.1.1 client for one simulated device, over net/tls with mqtt-packet (mqtt.js' own codec): CONNECT
 * with a persistent session and a will, QoS 1 PUBLISH kept until PUBACK and resent with DUP after a reconnect
 * [MQTT-4.4.0-1], keepalive PINGREQ. It holds only what a device needs, so a fleet of 10,000 fits in a few KB each
 * (docs/decisions/008-simulator-device-client.md): no stores, no per-client timers beyond one keepalive/connect timer,
 * no parser while disconnected. It never reconnects by itself: the device owns the backoff.
 */
export class DeviceMqttClient {
  connected = false;
  private readonly options: DeviceMqttOptions;
  private readonly events: DeviceMqttEvents;
  private readonly inFlight = new Map<number, InFlight>();
  private readonly ids = new MessageIds();
  private socket: Socket | undefined;
  private parser: Parser | undefined;
  /** one timer per connection: the CONNACK deadline, then the keepalive */
  private timer: NodeJS.Timeout | undefined;
  private lastSentAt = 0;
  private pingOutstanding = false;
  private closed: (() => void) | undefined;

  constructor(options: DeviceMqttOptions, events: DeviceMqttEvents) {
    this.options = options;
    this.events = events;
  }

  /** packets awaiting PUBACK */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Opens a new connection (the first, or a reconnect); a connection still open is dropped first. */
  connect(): void {
    this.destroy();
    // The old socket's close is ignored once it is replaced: forget its state here.
    clearTimeout(this.timer);
    this.connected = false;
    const parser = createParser({ protocolVersion: PROTOCOL_VERSION });
    // the parser may keep a partial packet across reads: give it its own copy of the bytes
    const socket = openBrokerSocket(this.options.url, this.options.localAddress, (bytes) => parser.parse(Buffer.from(bytes)));
    this.socket = socket;
    this.parser = parser;
    parser.on('packet', (packet) => this.onPacket(packet));
    parser.on('error', (error: Error) => this.fail(socket, error));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => parser.parse(chunk)); // TLS: Node's own read buffers
    socket.on('error', (error) => this.fail(socket, error));
    socket.on('close', () => this.onSocketClose(socket));
    socket.once(this.options.url.startsWith('mqtts:') || this.options.url.startsWith('ssl:') ? 'secureConnect' : 'connect', () => {
      const { clientId, username, password, keepaliveS, will } = this.options;
      this.write({
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: PROTOCOL_VERSION,
        clientId,
        username,
        password: Buffer.from(password),
        // Persistent session: the broker keeps our session across connections [MQTT-3.1.2-4].
        clean: false,
        keepalive: keepaliveS,
        will: { topic: will.topic, payload: will.payload, qos: 1, retain: false },
      });
    });
    this.timer = setTimeout(() => this.fail(socket, new Error('connack timeout')), this.options.connectTimeoutMs);
  }

  /**
   * Publishes at QoS 1; `done` is called on PUBACK. While disconnected the packet waits and goes on the next
   * connection. It stays until PUBACK or until abandon()/end(), which call `done` with an error.
   */
  publish(topic: string, payload: string, done?: PublishDone): void {
    const messageId = this.ids.next((id) => this.inFlight.has(id));
    const entry: InFlight = { topic, payload, done, sent: false };
    this.inFlight.set(messageId, entry);
    if (this.connected) this.writePublish(messageId, entry);
  }

  /** Forgets every packet awaiting PUBACK (the device's outbox still has them), calling their `done` with an error. */
  abandon(reason: string): void {
    const entries = [...this.inFlight.values()];
    this.inFlight.clear();
    for (const entry of entries) entry.done?.(new Error(reason));
  }

  /** Drops the connection without DISCONNECT: the broker publishes the will [MQTT-3.1.2-8]. */
  destroy(): void {
    this.socket?.destroy();
  }

  /**
   * Sends DISCONNECT (the broker discards the will [MQTT-3.14.4-3]) when connected, closes, and forgets what awaits
   * PUBACK. A socket that does not close within `timeoutMs` is destroyed.
   */
  async end(timeoutMs: number): Promise<void> {
    const socket = this.socket;
    if (socket !== undefined && !socket.destroyed) {
      const closed = new Promise<void>((resolve) => (this.closed = resolve));
      if (this.connected) {
        this.write({ cmd: 'disconnect' });
        socket.end();
      } else {
        socket.destroy(); // still connecting, or waiting for CONNACK: nothing to say goodbye to
      }
      const timer = setTimeout(() => socket.destroy(), timeoutMs);
      await closed;
      clearTimeout(timer);
    }
    this.abandon('client disconnected');
  }

  private onPacket(packet: Packet): void {
    switch (packet.cmd) {
      case 'connack':
        this.onConnack(packet.returnCode ?? 0);
        return;
      case 'puback': {
        const messageId = packet.messageId ?? 0;
        const entry = this.inFlight.get(messageId);
        if (entry === undefined) return; // a late PUBACK for a packet already given up
        this.inFlight.delete(messageId);
        entry.done?.();
        return;
      }
      case 'pingresp':
        this.pingOutstanding = false;
        return;
      case 'publish':
        // A device subscribes to nothing, but a broker may deliver a session's leftovers: acknowledge QoS 1.
        if (packet.qos === 1 && packet.messageId !== undefined) this.write({ cmd: 'puback', messageId: packet.messageId });
        return;
      case 'auth':
      case 'connect':
      case 'disconnect':
      case 'pingreq':
      case 'pubcomp':
      case 'pubrec':
      case 'pubrel':
      case 'suback':
      case 'subscribe':
      case 'unsuback':
      case 'unsubscribe':
        return; // not sent to a QoS 1 publisher that subscribes to nothing
    }
  }

  private onConnack(returnCode: number): void {
    const socket = this.socket;
    if (socket === undefined) return;
    if (returnCode !== 0) {
      this.fail(socket, new Error(`connection refused: ${CONNACK_REFUSED[returnCode] ?? `return code ${returnCode}`}`));
      return;
    }
    this.connected = true;
    this.pingOutstanding = false;
    clearTimeout(this.timer);
    this.scheduleKeepalive();
    // Unacknowledged packets go (again), oldest first; DUP on those sent before [MQTT-4.4.0-1] [MQTT-3.3.1-1].
    for (const [messageId, entry] of this.inFlight) this.writePublish(messageId, entry);
    this.events.onConnect();
  }

  /** A PINGREQ when nothing was sent for a keepalive; the connection is dead if its PINGRESP has not come by the next. */
  private scheduleKeepalive(): void {
    const keepaliveMs = this.options.keepaliveS * 1000;
    if (keepaliveMs === 0) return;
    const socket = this.socket;
    this.timer = setTimeout(
      () => {
        if (socket === undefined || socket !== this.socket) return;
        const idleMs = Date.now() - this.lastSentAt;
        if (idleMs >= keepaliveMs) {
          if (this.pingOutstanding) {
            this.fail(socket, new Error('keepalive timeout'));
            return;
          }
          this.pingOutstanding = true;
          this.write({ cmd: 'pingreq' });
        }
        this.scheduleKeepalive();
      },
      keepaliveMs - Math.min(keepaliveMs, Date.now() - this.lastSentAt),
    );
  }

  private writePublish(messageId: number, entry: InFlight): void {
    const { topic, payload, sent } = entry;
    this.write({ cmd: 'publish', qos: 1, dup: sent, retain: false, topic, payload, messageId });
    entry.sent = true;
  }

  private write(packet: Packet): void {
    const socket = this.socket;
    if (socket === undefined || socket.destroyed) return;
    this.lastSentAt = Date.now();
    socket.write(generate(packet));
  }

  private fail(socket: Socket, error: Error): void {
    if (socket !== this.socket) return;
    this.events.onError(error);
    socket.destroy();
  }

  private onSocketClose(socket: Socket): void {
    if (socket !== this.socket) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.socket = undefined;
    this.parser = undefined;
    this.connected = false;
    const closed = this.closed;
    this.closed = undefined;
    closed?.();
    this.events.onClose();
  }
}
