import type { Kysely } from 'kysely';
import type { SetThresholdRequest } from '@rpm/contracts';
import type { Database } from '../db/schema.ts';
import type { ThresholdOverride } from '../rules/clinical-rules-engine.ts';

export interface OverrideMetadata {
  readonly setBy: string;
  readonly setByName: string;
  readonly setAt: string;
  readonly reason: string;
}

const key = (ruleId: string, param: string): string => `${ruleId}\u0000${param}`;

/**
 * Clinicians' per-patient thresholds, append-only: each change is a row with who, when and why; the latest row of
 * a (rule, parameter) is in force, and a null value means "back to the programme's default".
 */
export class OverrideStore {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async record(patientId: string, r: SetThresholdRequest, userId: string, now: number): Promise<void> {
    await this.db
      .insertInto('threshold_overrides')
      .values({
        id: undefined,
        patient_id: patientId,
        rule_id: r.ruleId,
        param: r.param,
        value: r.value,
        reason: r.reason,
        set_by: userId,
        set_at: now,
      })
      .execute();
  }

  /** The overrides in force, by patient (one patient, or all). */
  async inForce(patientId?: string): Promise<Map<string, ThresholdOverride[]>> {
    let query = this.db.selectFrom('threshold_overrides').select(['patient_id', 'rule_id', 'param', 'value']).orderBy('id');
    if (patientId !== undefined) query = query.where('patient_id', '=', patientId);
    const latest = new Map<string, Map<string, ThresholdOverride | undefined>>();
    for (const row of await query.execute()) {
      const forPatient = latest.get(row.patient_id) ?? new Map<string, ThresholdOverride | undefined>();
      forPatient.set(
        key(row.rule_id, row.param),
        row.value === null ? undefined : { ruleId: row.rule_id, param: row.param, value: row.value },
      );
      latest.set(row.patient_id, forPatient);
    }
    return new Map(
      [...latest].map(([patient, overrides]) => [patient, [...overrides.values()].filter((o): o is ThresholdOverride => o !== undefined)]),
    );
  }

  /** Who set each override in force, when and why. */
  async metadataInForce(patientId: string): Promise<Map<string, OverrideMetadata>> {
    const rows = await this.rows(patientId);
    const byKey = new Map<string, OverrideMetadata | undefined>();
    for (const r of rows) {
      byKey.set(
        key(r.rule_id, r.param),
        r.value === null
          ? undefined
          : { setBy: r.set_by, setByName: r.set_by_name, setAt: new Date(r.set_at).toISOString(), reason: r.reason },
      );
    }
    return new Map([...byKey].filter((e): e is [string, OverrideMetadata] => e[1] !== undefined));
  }

  /** Every change, oldest first. */
  async history(patientId: string) {
    return (await this.rows(patientId)).map((r) => ({
      ruleId: r.rule_id,
      param: r.param,
      value: r.value,
      reason: r.reason,
      setBy: r.set_by,
      setByName: r.set_by_name,
      setAt: new Date(r.set_at).toISOString(),
    }));
  }

  private rows(patientId: string) {
    return this.db
      .selectFrom('threshold_overrides')
      .innerJoin('users', 'users.id', 'threshold_overrides.set_by')
      .select([
        'threshold_overrides.rule_id',
        'threshold_overrides.param',
        'threshold_overrides.value',
        'threshold_overrides.reason',
        'threshold_overrides.set_by',
        'threshold_overrides.set_at',
        'users.display_name as set_by_name',
      ])
      .where('threshold_overrides.patient_id', '=', patientId)
      .orderBy('threshold_overrides.id')
      .execute();
  }
}
