import mqtt from 'mqtt';
import { deviceTopics } from '@rpm/contracts';

export interface OracleDeviceOptions {
  readonly mqttPort: number;
  readonly deviceId: string;
  readonly secret: string;
  /** measurement time of seq 0; seq n is measured n × spacingMs later, so every reading is a distinct point */
  readonly startAt: number;
  /** default 10 ms: a steady 20 msg/s stream stays well behind the real clock */
  readonly spacingMs?: number;
}

/**
 * The fault tests' oracle: a device that behaves like a real one (persistent session, QoS 1, resends whatever was
 * not acknowledged after reconnecting) and logs every seq it received a PUBACK for. Afterwards every acknowledged
 * seq must be in InfluxDB, once.
 */
export class OracleDevice {
  readonly acked = new Set<number>();
  readonly published = new Set<number>();
  private readonly options: OracleDeviceOptions;
  private client: mqtt.MqttClient | undefined;
  private nextSeq = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: OracleDeviceOptions) {
    this.options = options;
  }

  async connect(): Promise<void> {
    const { deviceId, secret, mqttPort } = this.options;
    this.client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
      clientId: deviceId,
      username: deviceId,
      password: secret,
      clean: false,
      reconnectPeriod: 250,
      connectTimeout: 5000,
      protocolVersion: 4,
    });
  }

  /** The reading of message `seq`: a heart rate measured at startAt + seq × spacingMs. */
  payload(seq: number): string {
    const at = new Date(this.options.startAt + seq * (this.options.spacingMs ?? 10)).toISOString();
    return JSON.stringify({ seq, readings: [{ type: 'heart_rate', at, unit: '/min', value: 60 + (seq % 50) }] });
  }

  /** Publishes one message with the next seq; resolves when it is sent, not when it is acknowledged. */
  publishNext(): number {
    const seq = this.nextSeq++;
    this.publishRaw(seq, this.payload(seq));
    return seq;
  }

  /**
   * Publishes with QoS 1 and keeps the message until its PUBACK, like a real device: mqtt.js resends what was in
   * flight after a reconnect, but a publish that fails outright (made while the connection was closing) is dropped
   * by mqtt.js, so it is published again here.
   */
  publishRaw(seq: number, payload: string): void {
    const client = this.client;
    if (client === undefined) throw new Error('not connected');
    this.published.add(seq);
    client.publish(deviceTopics.readings(this.options.deviceId), payload, { qos: 1 }, (error) => {
      // mqtt.js calls back with null on success at run time, though its types say undefined
      if (error === undefined || (error as unknown) === null) this.acked.add(seq);
      else if (!this.closed) setTimeout(() => this.publishRaw(seq, payload), 250);
    });
  }

  /** Publishes `perSecond` messages a second until stopSteady(). */
  startSteady(perSecond: number): void {
    this.timer = setInterval(() => this.publishNext(), 1000 / perSecond);
  }

  stopSteady(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  get deviceIdForTests(): string {
    return this.options.deviceId;
  }

  get unacknowledged(): number {
    return this.published.size - this.acked.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopSteady();
    await this.client?.endAsync(true);
  }
}
