import type { Kysely } from 'kysely';
import type {
  AcceptedReading,
  Consciousness,
  DeviceStatusUpdate,
  News2Response,
  ProgrammeId,
  Programmes,
  SetThresholdRequest,
  Spo2Target,
  Threshold,
} from '@rpm/contracts';
import type { AlertService } from '../alerts/alert-service.ts';
import type { Database } from '../db/schema.ts';
import type { PatientStore } from '../patients/patient-store.ts';
import type { VitalsReader } from '../readings/vitals-reader.ts';
import { ClinicalRulesEngine, validateOverride, type RuleEvent, type ThresholdOverride } from '../rules/clinical-rules-engine.ts';
import { OverrideStore } from './override-store.ts';
import { historyOf } from './restore-history.ts';

export interface ClinicalRulesDeps {
  readonly db: Kysely<Database>;
  readonly patients: PatientStore;
  readonly alerts: AlertService;
  readonly vitals: VitalsReader;
  readonly onError: (error: unknown, what: string) => void;
  readonly now?: () => number;
}

export interface ClinicalRulesOptions {
  /** how often time-driven rules (missing data, hold-time confirmation) are checked */
  readonly tickMs: number;
  /** how far back a patient's readings are replayed at start (the longest rule window is 7 days) */
  readonly restoreHistoryMs: number;
}

export const CLINICAL_RULES_DEFAULTS: ClinicalRulesOptions = { tickMs: 15_000, restoreHistoryMs: 8 * 24 * 3_600_000 };

/**
 * The clinical rules as the rest of the server sees them: the pure engine (server/src/rules) fed with readings,
 * observations and device status, its events turned into alerts, and the per-patient profile (programmes, SpO2
 * target, clinicians' overrides) kept in the database and in the engine in step. State is rebuilt at start from the
 * database (open alerts, profiles, observations) and recent history (InfluxDB).
 */
export class ClinicalRules {
  readonly engine: ClinicalRulesEngine;
  private readonly deps: ClinicalRulesDeps;
  private readonly options: ClinicalRulesOptions;
  private readonly overrides: OverrideStore;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;

  constructor(deps: ClinicalRulesDeps, options: Partial<ClinicalRulesOptions> = {}) {
    this.deps = deps;
    this.options = { ...CLINICAL_RULES_DEFAULTS, ...options };
    this.engine = new ClinicalRulesEngine();
    this.overrides = new OverrideStore(deps.db);
    this.now = deps.now ?? Date.now;
  }

  /** Loads every patient's profile and rebuilds rule state; then checks time-driven rules every tickMs. */
  async start(): Promise<void> {
    const now = this.now();
    const enrolments = await this.deps.patients.enrolments();
    const overrides = await this.overrides.inForce();
    const active = await this.activeRules();
    const consciousness = await this.latestConsciousness();
    for (const e of enrolments) {
      this.engine.setProfile({
        patientId: e.patientId,
        programmes: e.programs,
        spo2Target: e.spo2Target,
        overrides: overrides.get(e.patientId) ?? [],
      });
      const history = await historyOf(this.deps.vitals, e.patientId, now - this.options.restoreHistoryMs, now).catch((error: unknown) => {
        // InfluxDB down at start: the rules start from the open alerts only, and learn from new readings
        this.deps.onError(error, 'history not replayed');
        return [];
      });
      this.engine.restore(
        e.patientId,
        { history, activeRuleIds: active.get(e.patientId) ?? [], consciousness: consciousness.get(e.patientId) },
        now,
      );
    }
    this.timer = setInterval(() => this.apply(this.engine.tick(this.now())), this.options.tickMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Readings the gateway has stored, in any order. */
  readonly ingest = (readings: readonly AcceptedReading[]): void => {
    this.apply(this.engine.ingest(readings, this.now()));
  };

  /** A device's status report (battery, clock offset), from the gateway through the device directory. */
  deviceStatus(patientId: string, update: DeviceStatusUpdate): void {
    // `online` is not passed on: devices at rural posts connect, upload and disconnect by design; what matters
    // clinically is a reading that does not come (the missing-data rules), and connectivity is shown per device
    const { battery, clockOffsetMs } = update;
    if (battery === undefined && clockOffsetMs === undefined) return;
    this.apply(
      this.engine.deviceStatus(
        patientId,
        update.deviceId,
        { ...(battery === undefined ? {} : { battery }), ...(clockOffsetMs === undefined ? {} : { clockOffsetMs }) },
        update.at,
      ),
    );
  }

  async setProgrammes(
    patientId: string,
    programs: readonly ProgrammeId[],
    spo2Target: Spo2Target | null | undefined,
  ): Promise<Programmes | undefined> {
    const result = await this.deps.patients.setProgrammes(patientId, programs, spo2Target);
    if (result !== undefined) await this.refreshProfile(patientId);
    return result;
  }

  /** Enrols a patient created with programmes (or none: the general NEWS2 pack). */
  async enrol(patientId: string): Promise<void> {
    await this.refreshProfile(patientId);
  }

  /** @returns an error message when the rule or parameter is unknown or the value implausible */
  async setOverride(patientId: string, request: SetThresholdRequest, userId: string): Promise<string | undefined> {
    if (request.value !== null) {
      const error = validateOverride({ ruleId: request.ruleId, param: request.param, value: request.value });
      if (error !== undefined) return error;
    } else if (!this.engine.thresholds(patientId).some((t) => t.ruleId === request.ruleId && t.param === request.param)) {
      return `no threshold ${request.ruleId}.${request.param} for this patient`;
    }
    await this.overrides.record(patientId, request, userId, this.now());
    await this.refreshProfile(patientId);
    return undefined;
  }

  async thresholds(patientId: string): Promise<Threshold[]> {
    const meta = await this.overrides.metadataInForce(patientId);
    return this.engine.thresholds(patientId).map((t) => ({
      ruleId: t.ruleId,
      param: t.param,
      value: t.value,
      defaultValue: t.defaultValue,
      unit: t.unit,
      overridden: t.overridden,
      source: t.source,
      override: t.overridden ? (meta.get(`${t.ruleId}\u0000${t.param}`) ?? null) : null,
    }));
  }

  thresholdHistory(patientId: string) {
    return this.overrides.history(patientId);
  }

  async recordConsciousness(patientId: string, value: Consciousness, at: number, userId: string): Promise<void> {
    const now = this.now();
    await this.deps.db
      .insertInto('observations')
      .values({ id: undefined, patient_id: patientId, type: 'consciousness', value, at, recorded_by: userId, recorded_at: now })
      .execute();
    this.apply(this.engine.recordConsciousness(patientId, value, at, now));
  }

  news2(patientId: string): News2Response {
    const r = this.engine.news2(patientId, this.now());
    const iso = (ms: number): string => new Date(ms).toISOString();
    return {
      score: r.score,
      risk: r.risk,
      partial: r.partial,
      missing: [...r.missing] as News2Response['missing'],
      scale: r.scale,
      parameters: r.parameters.map((p) => ({ name: p.name, value: p.value, score: p.score, at: p.at === null ? null : iso(p.at) })),
      computedAt: iso(r.computedAt),
    };
  }

  private async refreshProfile(patientId: string): Promise<void> {
    const enrolment = await this.deps.patients.programmesOf(patientId);
    if (enrolment === undefined) return;
    const overrides: ThresholdOverride[] = (await this.overrides.inForce(patientId)).get(patientId) ?? [];
    this.apply(
      this.engine.setProfile({
        patientId,
        programmes: enrolment.programs,
        spo2Target: enrolment.spo2TargetExplicit ? enrolment.spo2Target : undefined,
        overrides,
      }),
    );
  }

  /** Events become alert transitions, in order (the alert service serialises each patient's). */
  private apply(events: readonly RuleEvent[]): void {
    for (const e of events) {
      if (e.kind === 'raise') this.deps.alerts.raise(e.trigger).catch((error: unknown) => this.deps.onError(error, 'alert not raised'));
      else this.deps.alerts.clear(e.patientId, e.ruleId, e.detail).catch((error: unknown) => this.deps.onError(error, 'alert not cleared'));
    }
  }

  private async activeRules(): Promise<Map<string, string[]>> {
    const rows = await this.deps.db.selectFrom('alerts').select(['patient_id', 'rule_id']).where('status', '!=', 'resolved').execute();
    const byPatient = new Map<string, string[]>();
    for (const r of rows) byPatient.set(r.patient_id, [...(byPatient.get(r.patient_id) ?? []), r.rule_id]);
    return byPatient;
  }

  private async latestConsciousness(): Promise<Map<string, { value: Consciousness; at: number }>> {
    const rows = await this.deps.db
      .selectFrom('observations')
      .select(['patient_id', 'value', 'at'])
      .where('type', '=', 'consciousness')
      .orderBy('at')
      .execute();
    return new Map(rows.map((r) => [r.patient_id, { value: r.value as Consciousness, at: r.at }]));
  }
}
