import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CreatePatientRequest, Patient, ProgrammeId, Programmes, Spo2Target } from '@rpm/contracts';
import type { Database, PatientsTable } from '../db/schema.ts';
import { defaultSpo2Target } from '../rules/clinical-rules-engine.ts';

const programsOf = (row: Pick<PatientsTable, 'programs'>): ProgrammeId[] => JSON.parse(row.programs) as ProgrammeId[];

const toPatient = (row: PatientsTable, teamIds: string[]): Patient => {
  const programs = programsOf(row);
  return {
    id: row.id,
    name: row.name,
    birthDate: row.birth_date,
    sex: row.sex,
    teamIds,
    programs,
    spo2Target: row.spo2_target ?? defaultSpo2Target(programs),
    createdAt: new Date(row.created_at).toISOString(),
  };
};

/** A patient's enrolment as the rules need it. */
export interface PatientEnrolment {
  readonly patientId: string;
  readonly programs: readonly ProgrammeId[];
  /** explicit prescription only */
  readonly spo2Target: Spo2Target | undefined;
}

export class PatientStore {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async create(
    input: Omit<CreatePatientRequest, 'teamId'>,
    teamIds: readonly string[],
    createdBy: string,
    now = Date.now(),
  ): Promise<Patient> {
    const row: PatientsTable = {
      id: randomUUID(),
      name: input.name,
      birth_date: input.birthDate ?? null,
      sex: input.sex ?? null,
      created_at: now,
      created_by: createdBy,
      programs: JSON.stringify([...new Set(input.programs ?? [])]),
      spo2_target: input.spo2Target ?? null,
    };
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('patients').values(row).execute();
      for (const teamId of teamIds) await tx.insertInto('team_patients').values({ team_id: teamId, patient_id: row.id }).execute();
    });
    return toPatient(row, [...teamIds]);
  }

  async get(id: string): Promise<Patient | undefined> {
    const row = await this.db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toPatient(row, await this.teamIdsOf(id));
  }

  async teamIdsOf(patientId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('team_patients').select('team_id').where('patient_id', '=', patientId).execute();
    return rows.map((r) => r.team_id);
  }

  /** Patients followed by any of the teams (all patients when `teamIds` is 'all'). */
  async list(teamIds: readonly string[] | 'all'): Promise<Patient[]> {
    let query = this.db.selectFrom('patients').selectAll('patients').orderBy('patients.name');
    if (teamIds !== 'all') {
      if (teamIds.length === 0) return [];
      query = query.where('patients.id', 'in', this.db.selectFrom('team_patients').select('patient_id').where('team_id', 'in', teamIds));
    }
    const rows = await query.execute();
    const links = await this.db
      .selectFrom('team_patients')
      .select(['team_id', 'patient_id'])
      .where('patient_id', 'in', rows.length > 0 ? rows.map((r) => r.id) : [''])
      .execute();
    return rows.map((r) =>
      toPatient(
        r,
        links.filter((l) => l.patient_id === r.id).map((l) => l.team_id),
      ),
    );
  }

  /** Sets the programmes and (undefined = unchanged, null = back to the default) the prescribed SpO2 target. */
  async setProgrammes(
    patientId: string,
    programs: readonly ProgrammeId[],
    spo2Target: Spo2Target | null | undefined,
  ): Promise<Programmes | undefined> {
    const result = await this.db
      .updateTable('patients')
      .set({ programs: JSON.stringify([...new Set(programs)]), ...(spo2Target === undefined ? {} : { spo2_target: spo2Target }) })
      .where('id', '=', patientId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return undefined;
    return this.programmesOf(patientId);
  }

  async programmesOf(patientId: string): Promise<Programmes | undefined> {
    const row = await this.db.selectFrom('patients').select(['programs', 'spo2_target']).where('id', '=', patientId).executeTakeFirst();
    if (row === undefined) return undefined;
    const programs = programsOf(row);
    return { programs, spo2Target: row.spo2_target ?? defaultSpo2Target(programs), spo2TargetExplicit: row.spo2_target !== null };
  }

  /** Every patient's enrolment (for the rules engine at start). */
  async enrolments(): Promise<PatientEnrolment[]> {
    const rows = await this.db.selectFrom('patients').select(['id', 'programs', 'spo2_target']).execute();
    return rows.map((r) => ({ patientId: r.id, programs: programsOf(r), spo2Target: r.spo2_target ?? undefined }));
  }

  async nameOf(id: string): Promise<string | undefined> {
    return (await this.db.selectFrom('patients').select('name').where('id', '=', id).executeTakeFirst())?.name;
  }
}
