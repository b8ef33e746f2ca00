import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { AcceptedReading } from '@rpm/contracts';
import { NotifierRelay } from './alerts/alert-notifier.ts';
import { AlertService } from './alerts/alert-service.ts';
import { AlertSweeper } from './alerts/alert-sweeper.ts';
import { AlertStore } from './alerts/alert-store.ts';
import { buildApp } from './api/build-app.ts';
import { AuditLog } from './audit/audit-log.ts';
import { AuditReader } from './audit/audit-reader.ts';
import { ClinicalRules } from './clinical/clinical-rules.ts';
import { PatientAccess } from './auth/patient-access.ts';
import { SessionStore } from './auth/session-store.ts';
import { UserStore } from './auth/user-store.ts';
import type { ServerConfig } from './config.ts';
import type { IngestHealth, ReadinessProbe, ServerContext } from './context.ts';
import type { Database } from './db/schema.ts';
import { DeviceStore } from './devices/device-store.ts';
import { PassportStore } from './passport/passport-store.ts';
import { PatientStore } from './patients/patient-store.ts';
import { CorrectionStore } from './portal/correction-store.ts';
import { PortalUserStore } from './portal/portal-users.ts';
import { QuarantineStore } from './quarantine/quarantine-store.ts';
import type { VitalsReader } from './readings/vitals-reader.ts';
import { SocketServer } from './realtime/socket-server.ts';
import { TeamStore } from './teams/team-store.ts';

export interface ServerDeps {
  readonly db: Kysely<Database>;
  readonly vitals: VitalsReader;
  readonly readiness: ReadinessProbe;
  readonly ingestHealth: IngestHealth;
  readonly logger: FastifyBaseLogger | undefined;
}

/**
 * The platform's server: stores, rules, alerts, REST API, socket.io and the dashboard. Built here; start() listens;
 * close() releases in reverse order. `ingest` is the entry point for readings the gateway has stored.
 */
export class PlatformServer {
  readonly ctx: ServerContext;
  readonly app: FastifyInstance;
  readonly realtime: SocketServer;
  readonly ingest: (readings: readonly AcceptedReading[]) => void;
  private readonly sweeper: AlertSweeper;
  private readonly config: ServerConfig;

  private constructor(config: ServerConfig, ctx: ServerContext, app: FastifyInstance, realtime: SocketServer) {
    this.config = config;
    this.ctx = ctx;
    this.app = app;
    this.realtime = realtime;
    this.sweeper = new AlertSweeper(ctx.alerts, config.alertSweepIntervalMs, (error) =>
      app.log.error({ err: error }, 'alert sweep failed'),
    );
    this.ingest = ctx.clinical.ingest;
  }

  static async build(config: ServerConfig, deps: ServerDeps): Promise<PlatformServer> {
    const { db } = deps;
    const patients = new PatientStore(db);
    const teams = new TeamStore(db);
    // the socket server needs the context and the alert service needs a notifier: a relay breaks the cycle
    const notifier = new NotifierRelay();
    const alertStore = new AlertStore(db);
    const alerts = new AlertService(alertStore, patients, notifier, {
      delayMs: { high: config.escalateHighMs, medium: config.escalateMediumMs },
    });
    const clinical = new ClinicalRules({
      db,
      patients,
      alerts,
      vitals: deps.vitals,
      onError: (error, what) => deps.logger?.error({ err: error }, what),
    });
    const devices = new DeviceStore(db, (patientId, update) => clinical.deviceStatus(patientId, update));
    const ctx: ServerContext = {
      db,
      users: new UserStore(db),
      sessions: new SessionStore(db, config.sessionTtlMs),
      teams,
      patients,
      devices,
      quarantine: new QuarantineStore(db),
      alertStore,
      alerts,
      clinical,
      access: new PatientAccess(teams, patients),
      audit: new AuditLog(db),
      auditReader: new AuditReader(db),
      passport: new PassportStore(db),
      portalUsers: new PortalUserStore(db),
      corrections: new CorrectionStore(db),
      vitals: deps.vitals,
      readiness: deps.readiness,
      ingestHealth: deps.ingestHealth,
    };
    const socketServer = new SocketServer(ctx);
    notifier.target = socketServer;
    const app = await buildApp(ctx, {
      dashboardDir: config.dashboardDir,
      logger: deps.logger,
      onSessionEnded: (sid) => socketServer.endSession(sid),
      connectedSockets: () => socketServer.connectedSockets,
    });
    socketServer.attach(app.server);
    return new PlatformServer(config, ctx, app, socketServer);
  }

  /** Listens; returns the bound port. */
  async start(): Promise<number> {
    // rule state first: readings may arrive as soon as the gateway starts, after this
    await this.ctx.clinical.start();
    await this.app.listen({ port: this.config.httpPort, host: this.config.bindHost });
    this.sweeper.start();
    const address = this.app.server.address();
    return typeof address === 'object' && address !== null ? address.port : this.config.httpPort;
  }

  async close(): Promise<void> {
    this.ctx.clinical.stop();
    await this.sweeper.close();
    await this.realtime.close();
    await this.app.close();
  }
}
