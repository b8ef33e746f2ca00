import type {
  AlertEventKind,
  AlertPriority,
  AlertStatus,
  CorrectionStatus,
  PassportChange,
  PassportSection,
  Spo2Target,
  UserRole,
  VitalType,
} from '@rpm/contracts';

/** Table types for Kysely. Times are epoch milliseconds; booleans are 0/1 (SQLite) and read back as numbers. */
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: UserRole;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
}

export interface SessionsTable {
  /** sha256 of the bearer token: a stolen database does not yield live tokens */
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface CareTeamsTable {
  id: string;
  name: string;
  created_at: number;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  member_role: string;
  /** escalation tier: 1 nurse, 2 doctor, 3 on-call */
  tier: number;
}

export interface PatientsTable {
  id: string;
  name: string;
  birth_date: string | null;
  sex: string | null;
  created_at: number;
  created_by: string | null;
  /** JSON array of ProgrammeId */
  programs: string;
  /** explicit prescription; null = the programmes' default */
  spo2_target: Spo2Target | null;
}

export interface TeamPatientsTable {
  team_id: string;
  patient_id: string;
}

export interface DevicesTable {
  id: string;
  patient_id: string;
  model: string | null;
  secret_hash: string;
  active: number;
  registered_at: number;
  last_seen_at: number | null;
  online: number;
  battery: number | null;
  firmware: string | null;
  clock_offset_ms: number | null;
  secret_rotated_at: number | null;
  /** set once: a deactivated device can neither connect nor publish again */
  deactivated_at: number | null;
  deactivated_by: string | null;
  deactivation_reason: string | null;
}

/** Which patient a device was bound to, when (append-only; a binding can only be closed). */
export interface DeviceAssignmentsTable {
  id: number | undefined;
  device_id: string;
  patient_id: string;
  from_at: number;
  /** null: the current binding */
  to_at: number | null;
  /** null: not known (registered before bindings were recorded, or without a named user) */
  assigned_by: string | null;
  reason: string;
}

export interface QuarantineTable {
  id: number | undefined;
  device_id: string | null;
  topic: string;
  reason: string;
  detail: string;
  payload_prefix: string;
  reading_index: number | null;
  seq: number | null;
  at: number;
}

export interface AlertsTable {
  id: string;
  patient_id: string;
  rule_id: string;
  priority: AlertPriority;
  status: AlertStatus;
  reading_type: VitalType | 'news2' | 'device';
  /** JSON object of the triggering values */
  params: string;
  measured_at: number;
  received_at: number;
  raised_at: number;
  updated_at: number;
  occurrences: number;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
  resolved_at: number | null;
  assigned_to: string | null;
  assigned_at: number | null;
  snoozed_until: number | null;
  /** 1 nurse, 2 doctor, 3 on-call */
  escalation_tier: number;
  escalated_at: number | null;
  resolved_by: string | null;
  resolution: 'manual' | 'auto' | null;
  resolution_note: string | null;
  /** 1 when the triggering data arrived late */
  backfilled: number;
  data_age_ms: number;
  device_id: string | null;
}

export interface ThresholdOverridesTable {
  id: number | undefined;
  patient_id: string;
  rule_id: string;
  param: string;
  /** null: override removed */
  value: number | null;
  reason: string;
  set_by: string;
  set_at: number;
}

export interface ObservationsTable {
  id: number | undefined;
  patient_id: string;
  type: string;
  value: string;
  at: number;
  recorded_by: string;
  recorded_at: number;
}

export interface AlertEventsTable {
  id: number | undefined;
  alert_id: string;
  at: number;
  kind: AlertEventKind;
  actor_id: string | null;
  detail: string | null;
}

export interface AuditLogTable {
  id: number | undefined;
  at: number;
  actor_id: string | null;
  actor_role: string | null;
  patient_id: string | null;
  action: string;
  channel: string;
  outcome: string;
  detail: string | null;
}

/** One version of a passport entry (append-only; a change is a new version that supersedes the current one). */
export interface PassportEntriesTable {
  /** the version */
  id: number | undefined;
  /** stable across an entry's versions */
  entry_id: string;
  patient_id: string;
  section: PassportSection;
  change: PassportChange;
  /** JSON of the section's data; null when ended */
  data: string | null;
  /** the version this one replaces (each version can be replaced once) */
  supersedes: number | null;
  reason: string | null;
  recorded_by: string;
  recorded_at: number;
}

/** The patient record a `patient` user may read (the portal). */
export interface PatientUsersTable {
  user_id: string;
  patient_id: string;
  created_at: number;
  created_by: string;
}

/** A patient's request to correct the passport (append-only). */
export interface CorrectionRequestsTable {
  id: string;
  patient_id: string;
  requested_by: string;
  section: PassportSection;
  entry_id: string | null;
  message: string;
  created_at: number;
}

/** An answer of the care team to a correction request; the latest is its status (append-only). */
export interface CorrectionEventsTable {
  id: number | undefined;
  correction_id: string;
  status: CorrectionStatus;
  note: string;
  by_user: string;
  at: number;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  care_teams: CareTeamsTable;
  team_members: TeamMembersTable;
  patients: PatientsTable;
  team_patients: TeamPatientsTable;
  devices: DevicesTable;
  device_assignments: DeviceAssignmentsTable;
  quarantine: QuarantineTable;
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
  audit_log: AuditLogTable;
  threshold_overrides: ThresholdOverridesTable;
  observations: ObservationsTable;
  passport_entries: PassportEntriesTable;
  patient_users: PatientUsersTable;
  correction_requests: CorrectionRequestsTable;
  correction_events: CorrectionEventsTable;
}
