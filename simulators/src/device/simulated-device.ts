import { OFFLINE_WILL_PAYLOAD, PROTOCOL_LIMITS, deviceTopics, type CanonicalReading, type StatusMessage } from '@rpm/contracts';
import { silentLogger, type SimLogger } from '../logger.ts';
import { DEFAULT_BACKOFF, backoffDelayMs, type BackoffOptions } from './backoff.ts';
import { batteryPercent } from './device-faults.ts';
import { encodeReadingsMessage } from './encode-readings-message.ts';
import { formatDeviceTime } from './format-device-time.ts';
import { DeviceMqttClient } from './mqtt/device-mqtt-client.ts';
import { Outbox } from './outbox.ts';
import { DEVICE_DEFAULTS, type DeviceStats, type SimulatedDeviceOptions } from './simulated-device-options.ts';
import { waitUntil, withTimeout } from './wait-until.ts';

export {
  DEVICE_DEFAULTS,
  type AcknowledgedMessage,
  type DeviceStats,
  type MeasureFn,
  type SimulatedDeviceOptions,
} from './simulated-device-options.ts';

type State = 'built' | 'running' | 'draining' | 'stopped';

/**
 * One home device: measures every interval, numbers each message with an increasing seq, keeps it in an outbox
 * until PUBACK, and reconnects with jittered exponential backoff to a persistent session (clean: false).
 * Measuring continues while offline: the backlog is sent after reconnecting, with the original measurement times.
 */
export class SimulatedDevice {
  readonly deviceId: string;
  private readonly options: SimulatedDeviceOptions;
  private readonly backoff: BackoffOptions;
  private readonly outbox: Outbox;
  private readonly now: () => number;
  private readonly log: SimLogger;
  private readonly topics: { readonly readings: string; readonly status: string };
  private client: DeviceMqttClient | undefined;
  private state: State = 'built';
  private stopped: Promise<void> | undefined;
  private tickTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectAttempt = 0;
  private outage = false;
  private startedAt = 0;
  private tick = 0;
  private nextSeq: number;
  private lastError: string | undefined;
  private readonly counters = { created: 0, sent: 0, acknowledged: 0, failed: 0, dropped: 0, duplicated: 0, corrupted: 0, connects: 0 };
  /** the link-down fault is in force: the connection was dropped on purpose and is not retried */
  private linkDown = false;
  /** readings measured while the link was down, for one store-and-forward upload */
  private held: CanonicalReading[] = [];
  private lastStatusAt = 0;
  private lastBattery: number | undefined;

  constructor(options: SimulatedDeviceOptions) {
    this.options = options;
    this.deviceId = options.deviceId;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.outbox = new Outbox(options.outboxCapacity ?? DEVICE_DEFAULTS.outboxCapacity);
    this.now = options.now ?? Date.now;
    this.log = options.log ?? silentLogger;
    this.topics = { readings: deviceTopics.readings(options.deviceId), status: deviceTopics.status(options.deviceId) };
    this.nextSeq = options.firstSeq ?? DEVICE_DEFAULTS.firstSeq;
  }

  /** Connects and starts measuring. Returns at once: a device that cannot connect keeps measuring and retrying. */
  start(): void {
    if (this.state !== 'built') throw new Error(`device ${this.deviceId} was already started`);
    this.state = 'running';
    this.startedAt = Date.now();
    const { deviceId, secret } = this.options;
    const client = new DeviceMqttClient(
      {
        url: this.options.mqttUrl,
        ...(this.options.localAddress === undefined ? {} : { localAddress: this.options.localAddress }),
        clientId: deviceId,
        username: deviceId,
        password: secret,
        keepaliveS: this.options.keepaliveS ?? DEVICE_DEFAULTS.keepaliveS,
        connectTimeoutMs: this.options.connectTimeoutMs ?? DEVICE_DEFAULTS.connectTimeoutMs,
        will: { topic: this.topics.status, payload: OFFLINE_WILL_PAYLOAD },
      },
      {
        onConnect: () => this.onConnect(),
        onClose: () => this.onClose(),
        onError: (error) => {
          this.lastError = error.message;
        },
      },
    );
    this.client = client;
    client.connect();
    this.scheduleTick();
  }

  /**
   * Stops measuring, gives the outbox a moment to drain, publishes `{"online":false}` and disconnects with
   * DISCONNECT, so the broker discards the will [MQTT-3.14.4-3]. Messages still unacknowledged stay counted as pending.
   */
  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  stats(): DeviceStats {
    return {
      deviceId: this.deviceId,
      connected: this.client?.connected ?? false,
      ...this.counters,
      pending: this.outbox.size,
      inFlight: this.outbox.inFlight,
      lastSeq: this.counters.created === 0 ? undefined : this.nextSeq - 1,
      lastError: this.lastError,
    };
  }

  /**
   * Queues messages encoded earlier (a recorded session), each with its own seq, oldest first: they are kept until
   * PUBACK like measured ones. Later measured messages are numbered after the highest seq queued.
   */
  enqueueEncoded(messages: readonly { readonly seq: number; readonly payload: string }[]): void {
    for (const { seq, payload } of messages) {
      this.counters.created++;
      this.counters.dropped += this.outbox.add(seq, payload);
      this.nextSeq = Math.max(this.nextSeq, seq + 1);
    }
    this.pump();
  }

  private scheduleTick(): void {
    const dueAt =
      this.startedAt + (this.options.firstTickDelayMs ?? DEVICE_DEFAULTS.firstTickDelayMs) + this.tick * this.options.intervalMs;
    // Scheduled against the start time, not the previous tick, so the cadence does not drift.
    this.tickTimer = setTimeout(() => this.onTick(), Math.max(0, dueAt - Date.now()));
  }

  private onTick(): void {
    if (this.state !== 'running') return;
    this.followLink();
    const atMs = this.now();
    const readings = this.options.measure(this.tick, atMs);
    this.tick++;
    if (this.linkDown && this.options.faults?.storeAndForward === true) this.held.push(...readings);
    else if (readings.length > 0) this.enqueue(readings);
    this.pump();
    this.maybePublishStatus();
    this.scheduleTick();
  }

  private enqueue(readings: readonly CanonicalReading[]): void {
    for (let i = 0; i < readings.length; i += PROTOCOL_LIMITS.maxReadingsPerMessage) {
      const seq = this.nextSeq++;
      this.counters.created++;
      const payload = encodeReadingsMessage(seq, readings.slice(i, i + PROTOCOL_LIMITS.maxReadingsPerMessage), this.utcOffsetMinutes());
      const corrupted = this.options.faults?.corrupt?.(seq, payload);
      if (corrupted !== undefined) this.counters.corrupted++;
      this.counters.dropped += this.outbox.add(seq, corrupted ?? payload);
    }
  }

  /** Applies the link fault: drops the connection abruptly when the link goes, reconnects when it is back. */
  private followLink(): void {
    const client = this.client;
    const up = this.options.faults?.linkUp?.() ?? true;
    if (client === undefined || up === !this.linkDown) return;
    this.linkDown = !up;
    if (!up) {
      this.log.info({ deviceId: this.deviceId }, 'device link down (simulated)');
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      client.destroy(); // no DISCONNECT: the broker publishes the will [MQTT-3.1.2-8]
      return;
    }
    if (this.held.length > 0) {
      this.enqueue(this.held); // the store-and-forward upload: the whole gap in one message
      this.held = [];
    }
    this.reconnectAttempt = 0;
    if (!client.connected) client.connect();
  }

  /** Re-sends the status when the battery changed or the interval passed, so battery and clock faults are seen. */
  private maybePublishStatus(): void {
    if (this.client?.connected !== true) return;
    const interval = this.options.statusIntervalMs;
    if (this.battery() !== this.lastBattery || (interval !== undefined && Date.now() - this.lastStatusAt >= interval)) {
      this.publishStatus({ online: true });
    }
  }

  /** Hands waiting messages to the client while connected, up to the in-flight window. */
  private pump(): void {
    const client = this.client;
    if (client === undefined || !client.connected || (this.state !== 'running' && this.state !== 'draining')) return;
    // One pass over the free window: a send that fails synchronously cannot loop here.
    const free = (this.options.maxInFlight ?? DEVICE_DEFAULTS.maxInFlight) - this.outbox.inFlight;
    for (let i = 0; i < free; i++) {
      const entry = this.outbox.takeNext();
      if (entry === undefined) return;
      this.counters.sent++;
      entry.sentAtMs ??= Date.now();
      // QoS 1: the client keeps the packet and calls back on PUBACK; after a reconnect it resends unacknowledged
      // packets itself [MQTT-4.4.0-1], so an in-flight message is not handed over twice.
      client.publish(this.topics.readings, entry.payload, (error) => this.onPublishDone(entry.seq, error));
    }
  }

  private onPublishDone(seq: number, error: Error | undefined): void {
    if (!error) {
      const entry = this.outbox.get(seq);
      if (this.outbox.acknowledge(seq)) {
        this.counters.acknowledged++;
        if (entry !== undefined)
          this.options.onAcknowledged?.({
            deviceId: this.deviceId,
            topic: this.topics.readings,
            seq,
            payload: entry.payload,
            sentAtMs: entry.sentAtMs ?? Date.now(),
          });
      }
      if (entry !== undefined && this.options.faults?.duplicate?.(seq) === true && this.client?.connected === true) {
        this.counters.duplicated++;
        this.client.publish(this.topics.readings, entry.payload);
      }
      this.pump();
      return;
    }
    // No PUBACK: the message stays and goes again on the next tick or after reconnecting.
    this.outbox.release(seq);
    if (this.state === 'running' || this.state === 'draining') {
      this.counters.failed++;
      this.lastError = error.message;
    }
  }

  private onConnect(): void {
    this.counters.connects++;
    this.reconnectAttempt = 0;
    if (this.outage) this.log.info({ deviceId: this.deviceId, pending: this.outbox.size }, 'device reconnected; sending its backlog');
    this.outage = false;
    this.lastError = undefined;
    this.publishStatus({ online: true });
    this.pump();
  }

  private onClose(): void {
    const client = this.client;
    if (client === undefined || this.state !== 'running' || this.linkDown) return;
    if (!this.outage) {
      this.outage = true;
      this.log.warn(
        { deviceId: this.deviceId, pending: this.outbox.size, err: this.lastError },
        'device connection lost or refused; retrying with backoff',
      );
    }
    if (this.reconnectTimer !== undefined) return;
    const delayMs = backoffDelayMs(this.reconnectAttempt++, this.backoff);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.state !== 'running' || this.linkDown) return;
      // The client keeps the packets awaiting PUBACK across connections and resends them once connected.
      client.connect();
    }, delayMs);
  }

  private publishStatus(fields: Pick<StatusMessage, 'online'>, onDone?: () => void): void {
    const client = this.client;
    if (client === undefined) return;
    if (fields.online !== false) {
      this.lastStatusAt = Date.now();
      this.lastBattery = this.battery();
    }
    const status: StatusMessage =
      fields.online === false
        ? { online: false }
        : {
            online: true,
            battery: this.battery(),
            firmware: this.options.firmware ?? DEVICE_DEFAULTS.firmware,
            model: this.options.model ?? DEVICE_DEFAULTS.model,
            clock: formatDeviceTime(this.now(), this.utcOffsetMinutes()),
          };
    client.publish(this.topics.status, JSON.stringify(status), (error) => {
      if (error && this.state === 'running')
        this.log.warn({ deviceId: this.deviceId, err: error.message }, 'status message not acknowledged');
      onDone?.();
    });
  }

  private async shutdown(): Promise<void> {
    clearTimeout(this.tickTimer);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const client = this.client;
    if (client === undefined || this.state !== 'running') {
      this.state = 'stopped';
      return;
    }
    this.state = 'draining';
    const timeoutMs = this.options.stopTimeoutMs ?? DEVICE_DEFAULTS.stopTimeoutMs;
    // A function, not a narrowed property: the connection can drop during each await.
    const connected = (): boolean => client.connected;
    if (connected()) {
      await waitUntil(() => this.outbox.size === 0 || !connected(), timeoutMs);
      if (connected()) await withTimeout(new Promise<void>((resolve) => this.publishStatus({ online: false }, resolve)), timeoutMs);
    }
    this.state = 'stopped';
    // DISCONNECT when connected (the broker discards the will); the outbox keeps what was not acknowledged.
    await client.end(timeoutMs);
  }

  private utcOffsetMinutes(): number {
    return this.options.utcOffsetMinutes ?? DEVICE_DEFAULTS.utcOffsetMinutes;
  }

  private battery(): number {
    return batteryPercent(this.options.batteryPercent ?? DEVICE_DEFAULTS.batteryPercent, Date.now() - this.startedAt, this.options.faults);
  }
}
