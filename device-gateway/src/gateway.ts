import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import type { AcceptedReading } from '@rpm/contracts';
import { authenticateDevice } from './broker/authenticate-device.ts';
import { authorizePublish } from './broker/authorize-publish.ts';
import { authorizeSubscribe } from './broker/authorize-subscribe.ts';
import type { GatewayConfig } from './config.ts';
import { DeviceSessions } from './ingest/device-sessions.ts';
import { GatewayMetrics } from './metrics/gateway-metrics.ts';
import type { DeviceDirectory, Logger, QuarantineSink, ReadingListener } from './ports.ts';
import { BatchingWriter } from './storage/batching-writer.ts';
import type { ReadingStore } from './storage/reading-store.ts';

export interface GatewayDeps {
  readonly directory: DeviceDirectory;
  readonly quarantine: QuarantineSink;
  readonly store: ReadingStore;
  readonly log: Logger;
  readonly now?: () => number;
}

export interface GatewayReadiness {
  readonly broker: boolean;
  readonly influx: boolean;
}

/**
 * The device gateway: an embedded MQTT broker whose publish path authenticates, validates, stores and hands on
 * each reading. Built here, listening only after start(); close() releases in reverse order.
 */
export class Gateway {
  readonly metrics = new GatewayMetrics();
  readonly sessions = new DeviceSessions();
  private readonly config: GatewayConfig;
  private readonly deps: GatewayDeps;
  private readonly listeners: ReadingListener[] = [];
  private readonly writer: BatchingWriter;
  private broker: Aedes | undefined;
  private server: Server | undefined;

  constructor(config: GatewayConfig, deps: GatewayDeps) {
    this.config = config;
    this.deps = deps;
    this.writer = new BatchingWriter(
      deps.store,
      { batchLines: config.influxBatchLines, flushIntervalMs: config.influxFlushIntervalMs, maxInFlight: config.influxMaxInFlight },
      this.metrics,
    );
  }

  /** Registers a consumer of stored readings (the rules engine). */
  onReadings(listener: ReadingListener): void {
    this.listeners.push(listener);
  }

  /** The port the broker listens on (after start). */
  get mqttPort(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  async start(): Promise<void> {
    const { directory, quarantine, log } = this.deps;
    const now = this.deps.now ?? Date.now;
    const emit = (readings: readonly AcceptedReading[]): void => {
      for (const listener of this.listeners) {
        try {
          listener(readings);
        } catch (error) {
          log.error({ err: error }, 'reading listener failed');
        }
      }
    };
    const broker = new Aedes({
      id: 'rpm-gateway',
      connectTimeout: this.config.connectTimeoutMs,
      maxClientsIdLength: 64,
      authenticate: authenticateDevice({ directory, sessions: this.sessions, metrics: this.metrics, log }),
      authorizePublish: authorizePublish({
        sessions: this.sessions,
        directory,
        quarantine,
        writer: this.writer,
        onReadings: emit,
        metrics: this.metrics,
        log,
        now,
      }),
      authorizeSubscribe: authorizeSubscribe(this.sessions),
    });
    await broker.listen();
    // 'client' (registered) and 'clientDisconnect' (unregistered) are emitted in pairs; 'clientReady' is not always.
    broker.on('client', (client) => {
      const identity = this.sessions.identityOf(client);
      if (identity !== undefined && this.sessions.connected(identity.deviceId)) {
        directory
          .recordStatus({ deviceId: identity.deviceId, at: now(), online: true })
          .catch((err: unknown) => log.warn({ err }, 'status not recorded'));
      }
    });
    broker.on('clientDisconnect', (client) => {
      const identity = this.sessions.identityOf(client);
      if (identity !== undefined && this.sessions.disconnected(identity.deviceId)) {
        directory
          .recordStatus({ deviceId: identity.deviceId, at: now(), online: false })
          .catch((err: unknown) => log.warn({ err }, 'status not recorded'));
      }
    });
    broker.on('clientError', (client, error) => log.debug({ deviceId: client.id, err: error.message }, 'client error'));
    this.broker = broker;

    const server = createServer((socket) => broker.handle(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.mqttPort, this.config.bindHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    log.info({ host: this.config.bindHost, port: this.mqttPort }, 'MQTT gateway listening');
  }

  async ready(): Promise<GatewayReadiness> {
    const broker = this.server?.listening === true && this.broker?.closed === false;
    const influx = await this.deps.store.ping().catch(() => false);
    return { broker, influx };
  }

  /** Stops accepting devices, waits for in-flight writes, then closes the broker. */
  async close(): Promise<void> {
    const server = this.server;
    const broker = this.broker;
    this.server = undefined;
    this.broker = undefined;
    if (server !== undefined) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (broker !== undefined) await new Promise<void>((resolve) => broker.close(() => resolve()));
      await closed;
    }
    await this.writer.drain();
  }
}
