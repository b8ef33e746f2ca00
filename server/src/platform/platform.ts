import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { Gateway, InfluxReadingStore, ManagedInfluxd, SqliteSpool, type InfluxConfig } from '@rpm/device-gateway';
import { openDatabase } from '../db/open-database.ts';
import { InfluxVitalsReader } from '../readings/influx-vitals-reader.ts';
import { PlatformServer } from '../server.ts';
import type { PlatformConfig } from './platform-config.ts';
import { ensureAdmin, ensureDemoTeam, type Credentials } from './seed-users.ts';

export interface PlatformAddresses {
  readonly httpUrl: string;
  readonly mqttUrl: string;
  readonly influxUrl: string;
  readonly influxManaged: boolean;
}

export interface StartedPlatform {
  readonly addresses: PlatformAddresses;
  readonly admin: Credentials;
  readonly demo: (Credentials & { devices: number }) | undefined;
}

const urlHost = (host: string): string => (host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host);

/**
 * The composition root: the one place that wires the gateway and the server together (ARCHITECTURE §2).
 * start() brings up, in order: InfluxDB (managed or external) → database → server → gateway → demo fleet;
 * close() takes them down in reverse.
 */
export class Platform {
  private readonly config: PlatformConfig;
  private readonly log: Logger;
  private readonly closers: (() => Promise<void>)[] = [];
  private server: PlatformServer | undefined;
  private gateway: Gateway | undefined;

  constructor(config: PlatformConfig, log: Logger) {
    this.config = config;
    this.log = log;
  }

  get httpServer(): PlatformServer | undefined {
    return this.server;
  }

  get deviceGateway(): Gateway | undefined {
    return this.gateway;
  }

  async start(): Promise<StartedPlatform> {
    const { config, log } = this;
    const dataDir = resolve(config.server.dataDir);
    mkdirSync(dataDir, { recursive: true });
    try {
      const influx = await this.startInflux(dataDir);

      const { url: databaseUrl, ...pool } = config.database;
      const db = await openDatabase(
        databaseUrl === undefined
          ? { kind: 'sqlite', file: join(dataDir, 'rpm.sqlite') }
          : {
              kind: 'postgres',
              url: databaseUrl,
              ...pool,
              onIdleError: (error) => log.warn({ err: error.message }, 'PostgreSQL connection lost; the pool reconnects'),
            },
      );
      this.closers.push(() => db.destroy());

      const store = new InfluxReadingStore(influx, { log: log.child({ module: 'influx' }) });
      await store.ensureDatabase().catch((error: unknown) => {
        // A refusal (credentials, permissions) is a configuration error: stop. An InfluxDB that cannot be reached is
        // an outage like any other: devices are acknowledged from the spool and the drainer creates the database
        // when InfluxDB is back (docs/reliability.md).
        if (error instanceof Error && error.message.startsWith('InfluxDB refused')) throw error;
        log.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'InfluxDB unreachable at start; spooling until it is back',
        );
      });
      this.closers.push(() => store.close());

      const spool = new SqliteSpool({
        file: join(dataDir, 'spool.sqlite'),
        maxBytes: config.gateway.spoolMaxBytes,
        dedupWindowMs: config.gateway.dedupWindowMs,
      });
      this.closers.push(() => spool.close());

      const server = await PlatformServer.build(config.server, {
        db,
        vitals: new InfluxVitalsReader(influx),
        logger: log.child({ module: 'http' }),
        ingestHealth: {
          renderMetrics: (out) => this.gateway?.renderMetrics(out),
          deadLetters: (limit) => spool.listDeadLetters(limit).map((d) => ({ ...d, reading: { ...d.reading } })),
        },
        readiness: async () => {
          if (this.gateway === undefined) return { broker: false, influx: false, spool: false };
          return { ...(await this.gateway.ready()) };
        },
      });
      this.server = server;
      // before the first request can arrive: a client that sees /readyz answer can log in
      const admin = await ensureAdmin(server.ctx, config.platform.adminPassword);
      const httpPort = await server.start();
      this.closers.push(() => server.close());

      const gateway = new Gateway(config.gateway, {
        spool,
        directory: server.ctx.devices,
        quarantine: server.ctx.quarantine,
        store,
        log: log.child({ module: 'gateway' }),
      });
      gateway.onReadings(server.ingest);
      await gateway.start();
      this.gateway = gateway;
      server.ctx.devices.onAccessChanged = (deviceId) => gateway.disconnectDevice(deviceId);
      this.closers.push(() => gateway.close());

      const httpUrl = `http://${urlHost(config.server.bindHost)}:${httpPort}`;
      const external = config.gateway.externalBrokerUrl;
      const mqttUrl =
        external !== undefined ? withoutCredentials(external) : `mqtt://${urlHost(config.gateway.bindHost)}:${gateway.mqttPort}`;

      let demo: StartedPlatform['demo'];
      if (config.platform.simDevices > 0 && external !== undefined) {
        // the external broker authenticates devices from its own password store, which the platform cannot provision
        log.warn({ devices: config.platform.simDevices }, 'no demo fleet in external-broker mode (RPM_SIM_DEVICES ignored)');
      } else if (config.platform.simDevices > 0) {
        const nurse = await ensureDemoTeam(server.ctx, config.platform.demoPassword);
        // loaded only when a demo fleet is wanted: production starts never load the simulator
        const { DemoFleet } = await import('./demo-fleet.ts');
        const fleet = new DemoFleet({
          stateFile: join(dataDir, 'demo-fleet.json'),
          apiUrl: httpUrl,
          mqttUrl,
          username: nurse.username,
          password: nurse.password,
          devices: config.platform.simDevices,
          intervalMs: config.platform.simIntervalMs,
          log: log.child({ module: 'demo-fleet' }),
        });
        await fleet.start();
        this.closers.push(() => fleet.stop());
        demo = { ...nurse, devices: config.platform.simDevices };
      }
      return { addresses: { httpUrl, mqttUrl, influxUrl: influx.url, influxManaged: config.influx.url === undefined }, admin, demo };
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  private async startInflux(dataDir: string): Promise<InfluxConfig> {
    const c = this.config.influx;
    const { managedPort, managedBinary, url, ...rest } = c;
    if (url !== undefined) return { ...rest, url };
    const influxd = new ManagedInfluxd({
      dataDir: join(dataDir, 'influxdb'),
      httpPort: managedPort,
      binary: managedBinary,
      log: this.log.child({ module: 'influxd' }),
    });
    this.closers.push(() => influxd.stop());
    await influxd.start();
    return { ...rest, url: influxd.url, apiVersion: 'v1' };
  }

  /** Stops everything that started, in reverse order; safe to call twice. */
  async close(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        this.log.error({ err: error }, 'shutdown step failed');
      }
    }
    this.server = undefined;
    this.gateway = undefined;
  }
}

/** A broker URL for the banner and logs: never its credentials. */
function withoutCredentials(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString();
}
