import type { Kysely } from 'kysely';
import type { AccessLogEntry, AuditEntry } from '@rpm/contracts';
import type { Database } from '../db/schema.ts';

export interface AuditFilter {
  readonly patientId?: string | undefined;
  readonly actorId?: string | undefined;
  /** epoch ms, inclusive */
  readonly from: number;
  /** epoch ms, inclusive */
  readonly to: number;
  readonly limit: number;
}

/** Reads the append-only audit log: for admins (everything), and for a patient (accesses to their own record). */
export class AuditReader {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  private rows(f: AuditFilter) {
    let q = this.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.actor_id',
        'audit_log.actor_role',
        'audit_log.patient_id',
        'audit_log.action',
        'audit_log.channel',
        'audit_log.outcome',
        'audit_log.detail',
        'users.display_name',
      ])
      .where('audit_log.at', '>=', f.from)
      .where('audit_log.at', '<=', f.to);
    if (f.patientId !== undefined) q = q.where('audit_log.patient_id', '=', f.patientId);
    if (f.actorId !== undefined) q = q.where('audit_log.actor_id', '=', f.actorId);
    return q.orderBy('audit_log.id', 'desc').limit(f.limit);
  }

  /** Newest first. */
  async query(f: AuditFilter): Promise<AuditEntry[]> {
    const rows = await this.rows(f).execute();
    return rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      actorName: r.display_name,
      actorRole: r.actor_role,
      patientId: r.patient_id,
      action: r.action,
      channel: r.channel,
      outcome: r.outcome,
      detail: r.detail,
    }));
  }

  /**
   * Who accessed the patient's record, newest first, leaving out the patient's own use of the portal. Only rows of
   * this patient are read, and their details are left out: a detail may name another patient (a reassigned device).
   */
  async accessesTo(patientId: string, self: string, f: Omit<AuditFilter, 'patientId' | 'actorId'>): Promise<AccessLogEntry[]> {
    const rows = await this.rows({ ...f, patientId })
      .where((eb) => eb.or([eb('audit_log.actor_id', 'is', null), eb('audit_log.actor_id', '!=', self)]))
      .execute();
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      actorName: r.display_name,
      actorRole: r.actor_role,
      action: r.action,
      channel: r.channel,
      outcome: r.outcome,
    }));
  }
}
