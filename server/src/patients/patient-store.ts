import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CreatePatientRequest, Patient } from '@rpm/contracts';
import type { Database, PatientsTable } from '../db/schema.ts';

const toPatient = (row: PatientsTable, teamIds: string[]): Patient => ({
  id: row.id,
  name: row.name,
  birthDate: row.birth_date,
  sex: row.sex,
  teamIds,
  createdAt: new Date(row.created_at).toISOString(),
});

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

  async nameOf(id: string): Promise<string | undefined> {
    return (await this.db.selectFrom('patients').select('name').where('id', '=', id).executeTakeFirst())?.name;
  }
}
