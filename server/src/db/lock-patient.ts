import type { Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Holds the patient's row lock until the transaction ends, so check-then-write changes of one patient's records (one
 * current registration, one answer per correction status) run one after the other. PostgreSQL's READ COMMITTED lets
 * two transactions pass the same check before either writes; SQLite already runs one transaction at a time, and
 * pays one no-op row write.
 */
export async function lockPatient(tx: Transaction<Database>, patientId: string): Promise<void> {
  await tx
    .updateTable('patients')
    .set((eb) => ({ name: eb.ref('name') }))
    .where('id', '=', patientId)
    .execute();
}
