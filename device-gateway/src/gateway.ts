import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { PROTOCOL_LIMITS } from '@rpm/contracts';
import { Aedes } from 'aedes';
import type { AcceptedReading } from '@rpm/contracts';
import { authenticateDevice } from './broker/authenticate-device.ts';
import { authorizePublish } from './broker/authorize-publish.ts';
import { authorizeSubscribe } from './broker/authorize-subscribe.ts';
import { capPacketSize } from './broker/cap-packet-size.ts';
import { ConnectRateLimiter } from './broker/connect-rate-limiter.ts';
import type { GatewayConfig } from './config.ts';
import { ExternalBrokerIngest } from './external/external-broker-ingest.ts';
import { DeviceSessions } from './ingest/device-sessions.ts';
import { GatewayMetrics } from './metrics/gateway-metrics.ts';
import type { PrometheusText } from '@rpm/contracts';
import { renderGatewayMetrics } from './metrics/render-gateway-metrics.ts';
import type { DeviceDirectory, Logger, QuarantineSink, ReadingListener } from './ports.ts';
import { SpoolDrainer } from './spool/spool-drainer.ts';
import type { Spool } from './spool/spool.ts';
import type { ReadingStore } from './storage/reading-store.ts';

export interface GatewayDeps {
  readonly directory: DeviceDirectory;
  readonly quarantine: QuarantineSink;
  readonly store: ReadingStore;
  /** the durable log between PUBACK and InfluxDB (SqliteSpool) */
  readonly spool: Spool;
  readonly log: Logger;
  readonly now?: () => number;
}

export interface GatewayReadiness {
  readonly broker: boolean;
  readonly influx: boolean;
  /** false when the spool is at its size bound (devices are not being acknowledged) */
  readonly spool: boolean;
}

/**
 * The device gateway: an embedded MQTT broker whose publish path authenticates, validates, stores and hands on
 * each reading — or, in external-broker mode (`externalBrokerUrl` set), subscriber connections to a broker that
 * authenticates the devices itself, feeding the same ingest steps (docs/external-broker.md). Built here, listening
 * only after start(); close() releases in reverse order.
 */
export class Gateway {
  readonly metrics = new GatewayMetrics();
  readonly sessions = new DeviceSessions();
  private readonly config: GatewayConfig;
  private readonly deps: GatewayDeps;
  private readonly listeners: ReadingListener[] = [];
  readonly drainer: SpoolDrainer;
  private broker: Aedes | undefined;
  /** external-broker mode: the subscriber connections that replace the embedded broker */
  private external: ExternalBrokerIngest | undefined;
  private server: Server | undefined;
  private tlsServer: Server | undefined;

  constructor(config: GatewayConfig, deps: GatewayDeps) {
    this.config = config;
    this.deps = deps;
    this.drainer = new SpoolDrainer(deps.spool, deps.store, this.metrics, deps.log, {
      batchReadings: config.influxBatchLines,
      retryBaseMs: config.influxRetryBaseMs,
      retryMaxMs: config.influxRetryMaxMs,
    });
  }

  /** Registers a consumer of stored readings (the rules engine). */
  onReadings(listener: ReadingListener): void {
    this.listeners.push(listener);
  }

  /** The port the broker listens on (after start). */
  get mqttPort(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  /** The port of the TLS listener, when one is configured (after start). */
  get mqttsPort(): number | undefined {
    return (this.tlsServer?.address() as AddressInfo | null)?.port;
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
    if (this.config.externalBrokerUrl !== undefined) {
      await this.startExternal(this.config.externalBrokerUrl, now, emit);
      return;
    }
    const limiter = new ConnectRateLimiter(this.config.connectBurst, this.config.connectRatePerSec);
    const broker = new Aedes({
      id: 'rpm-gateway',
      preConnect: (client, _packet, done) => {
        const allowed = limiter.take((client.conn as Socket).remoteAddress ?? 'unknown');
        if (!allowed) this.metrics.connectsRateLimited++;
        done(null, allowed);
      },
      connectTimeout: this.config.connectTimeoutMs,
      maxClientsIdLength: 64,
      authenticate: authenticateDevice({ directory, sessions: this.sessions, metrics: this.metrics, log }),
      authorizePublish: authorizePublish({
        sessions: this.sessions,
        directory,
        quarantine,
        spool: this.deps.spool,
        onSpooled: () => this.drainer.wake(),
        onReadings: emit,
        metrics: this.metrics,
        log,
        now,
      }),
      authorizeSubscribe: authorizeSubscribe(this.sessions),
    });
    await broker.listen();
    this.drainer.start();
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

    // [MQTT-3.3.5] payload cap plus room for the topic and header fields
    const maxPacketBytes = PROTOCOL_LIMITS.maxPacketBytes + 1024;
    const accept = (socket: Socket): void => {
      const client = broker.handle(socket);
      capPacketSize(client, maxPacketBytes, (bytes) => {
        this.metrics.messagesRejected++;
        this.metrics.countRejection('PAYLOAD_TOO_LARGE');
        log.warn({ deviceId: client.id, bytes }, 'oversize packet refused; connection closed');
      });
    };
    this.server = await listen(createServer(accept), this.config.mqttPort, this.config.bindHost);
    log.info({ host: this.config.bindHost, port: this.mqttPort }, 'MQTT gateway listening');
    const { tlsCertFile, tlsKeyFile } = this.config;
    if (tlsCertFile !== undefined && tlsKeyFile !== undefined) {
      const tls = createTlsServer({ cert: readFileSync(tlsCertFile), key: readFileSync(tlsKeyFile), minVersion: 'TLSv1.2' }, accept);
      this.tlsServer = await listen(tls, this.config.mqttsPort, this.config.bindHost);
      log.info({ host: this.config.bindHost, port: this.mqttsPort }, 'MQTT over TLS listening');
    }
  }

  private async startExternal(url: string, now: () => number, emit: ReadingListener): Promise<void> {
    const c = this.config;
    const external = new ExternalBrokerIngest(
      {
        url,
        username: c.externalBrokerUsername,
        password: c.externalBrokerPassword,
        clientId: c.externalBrokerClientId,
        connections: c.externalBrokerConnections,
        shareGroup: c.externalBrokerShareGroup,
      },
      {
        directory: this.deps.directory,
        quarantine: this.deps.quarantine,
        spool: this.deps.spool,
        metrics: this.metrics,
        now,
        onSpooled: () => this.drainer.wake(),
        onReadings: emit,
        log: this.deps.log,
      },
    );
    // the drainer first: whatever an earlier run spooled goes to InfluxDB while the subscriptions come up
    this.drainer.start();
    try {
      await external.start();
    } catch (error) {
      await this.drainer.stop();
      throw error;
    }
    this.external = external;
  }

  /**
   * Closes the device's live connection, if it has one on the embedded broker (its secret was rotated, it was
   * deactivated or given to another patient): it must authenticate again. In external-broker mode connections are
   * the broker's; the device lookup cache makes the change effective within seconds there.
   */
  disconnectDevice(deviceId: string): void {
    // aedes keeps connected clients by id in `clients` (aedes.js), which its types do not declare
    const broker = this.broker as unknown as { clients: Record<string, { close(): void } | undefined> } | undefined;
    broker?.clients[deviceId]?.close();
  }

  /** Prometheus metrics of the gateway, appended to `out`. */
  renderMetrics(out: PrometheusText): void {
    renderGatewayMetrics(out, {
      metrics: this.metrics,
      spool: this.deps.spool.stats(),
      connectedDevices: this.sessions.connectedDevices,
      influxConsecutiveFailures: this.drainer.failures,
      now: Date.now(),
    });
  }

  async ready(): Promise<GatewayReadiness> {
    const broker = this.external !== undefined ? this.external.connected : this.server?.listening === true && this.broker?.closed === false;
    const influx = await this.deps.store.ping().catch(() => false);
    return { broker, influx, spool: this.deps.spool.hasRoom() };
  }

  /** Stops accepting devices, then stops the drainer; whatever is still spooled is drained at the next start. */
  async close(): Promise<void> {
    const servers = [this.server, this.tlsServer].filter((s): s is Server => s !== undefined);
    const broker = this.broker;
    const external = this.external;
    this.external = undefined;
    this.server = undefined;
    this.tlsServer = undefined;
    this.broker = undefined;
    const closed = servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
    if (broker !== undefined) await new Promise<void>((resolve) => broker.close(() => resolve()));
    await Promise.all(closed);
    await external?.close();
    await this.drainer.stop();
  }
}

function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
