import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The link from a `patient` user to the one patient record they may read (their own). */
export class PortalUserStore {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async link(userId: string, patientId: string, createdBy: string, now = Date.now()): Promise<void> {
    await this.db
      .insertInto('patient_users')
      .values({ user_id: userId, patient_id: patientId, created_at: now, created_by: createdBy })
      .execute();
  }

  /** The patient record of a portal user; undefined when the user is not linked to one. */
  async patientOf(userId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('patient_users').select('patient_id').where('user_id', '=', userId).executeTakeFirst();
    return row?.patient_id;
  }
}
