import type { Kysely } from 'kysely';
import type { User } from '@rpm/contracts';
import type { Database } from '../db/schema.ts';

export type AuditChannel = 'rest' | 'socket' | 'export' | 'system';
export type AuditOutcome = 'allowed' | 'denied' | 'failed';

export interface AuditEvent {
  readonly actor: Pick<User, 'id' | 'role'> | undefined;
  readonly patientId?: string | undefined;
  /** what was done, e.g. `patient.read`, `vitals.read`, `device.register`, `alert.acknowledge` */
  readonly action: string;
  readonly channel: AuditChannel;
  readonly outcome: AuditOutcome;
  readonly detail?: string;
}

/** Append-only record of every read and change of patient data (the table refuses UPDATE and DELETE). */
export class AuditLog {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async record(event: AuditEvent, now = Date.now()): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: undefined,
        at: now,
        actor_id: event.actor?.id ?? null,
        actor_role: event.actor?.role ?? null,
        patient_id: event.patientId ?? null,
        action: event.action,
        channel: event.channel,
        outcome: event.outcome,
        detail: event.detail ?? null,
      })
      .execute();
  }
}
