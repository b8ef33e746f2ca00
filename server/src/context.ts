import type { Kysely } from 'kysely';
import type { DeadLetterDto, PrometheusText } from '@rpm/contracts';
import type { AlertService } from './alerts/alert-service.ts';
import type { AlertStore } from './alerts/alert-store.ts';
import type { AuditLog } from './audit/audit-log.ts';
import type { AuditReader } from './audit/audit-reader.ts';
import type { PatientAccess } from './auth/patient-access.ts';
import type { ClinicalRules } from './clinical/clinical-rules.ts';
import type { SessionStore } from './auth/session-store.ts';
import type { UserStore } from './auth/user-store.ts';
import type { Database } from './db/schema.ts';
import type { DeviceStore } from './devices/device-store.ts';
import type { PassportStore } from './passport/passport-store.ts';
import type { PatientStore } from './patients/patient-store.ts';
import type { CorrectionStore } from './portal/correction-store.ts';
import type { PortalUserStore } from './portal/portal-users.ts';
import type { QuarantineStore } from './quarantine/quarantine-store.ts';
import type { VitalsReader } from './readings/vitals-reader.ts';
import type { TeamStore } from './teams/team-store.ts';

/** What the ingest side (the gateway, in-process by default) tells the server about its health. */
export interface IngestHealth {
  renderMetrics(out: PrometheusText): void;
  deadLetters(limit: number): DeadLetterDto[];
}

/** Readiness of the parts the server depends on but does not own (the broker, InfluxDB). */
export type ReadinessProbe = () => Promise<Readonly<Record<string, boolean>>>;

/** The server's stores and services, built once and passed down (no module-level singletons). */
export interface ServerContext {
  readonly db: Kysely<Database>;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly teams: TeamStore;
  readonly patients: PatientStore;
  readonly devices: DeviceStore;
  readonly quarantine: QuarantineStore;
  readonly alertStore: AlertStore;
  readonly alerts: AlertService;
  /** programmes, thresholds, observations, NEWS2: the rules engine and its profile store */
  readonly clinical: ClinicalRules;
  readonly access: PatientAccess;
  readonly audit: AuditLog;
  /** the audit log for admins, and a patient's own access log */
  readonly auditReader: AuditReader;
  /** the electronic health passport (append-only versions) */
  readonly passport: PassportStore;
  /** which patient record a `patient` user may read */
  readonly portalUsers: PortalUserStore;
  /** patients' requests to correct their passport */
  readonly corrections: CorrectionStore;
  readonly vitals: VitalsReader;
  readonly readiness: ReadinessProbe;
  readonly ingestHealth: IngestHealth;
}
