import type { Kysely } from 'kysely';
import type { Device, DeviceAssignment, DeviceDetail } from '@rpm/contracts';
import type { Database, DevicesTable } from '../db/schema.ts';

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/** A device row as the API shows it (never its secret hash). */
export const toDevice = (row: DevicesTable): Device => ({
  deviceId: row.id,
  patientId: row.patient_id,
  model: row.model,
  active: row.active === 1,
  registeredAt: iso(row.registered_at),
  lastSeenAt: isoOrNull(row.last_seen_at),
  online: row.online === 1,
  battery: row.battery,
  firmware: row.firmware,
  clockOffsetMs: row.clock_offset_ms,
});

/** The device with its status, lifecycle facts and every binding to a patient, oldest first. */
export async function readDeviceDetail(db: Kysely<Database>, deviceId: string): Promise<DeviceDetail | undefined> {
  const row = await db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst();
  if (row === undefined) return undefined;
  const bindings = await db
    .selectFrom('device_assignments as a')
    .leftJoin('users as u', 'u.id', 'a.assigned_by')
    .select(['a.patient_id', 'a.from_at', 'a.to_at', 'a.assigned_by', 'a.reason', 'u.display_name'])
    .where('a.device_id', '=', deviceId)
    .orderBy('a.id')
    .execute();
  const assignments: DeviceAssignment[] = bindings.map((b) => ({
    patientId: b.patient_id,
    from: iso(b.from_at),
    to: isoOrNull(b.to_at),
    assignedBy: b.assigned_by,
    assignedByName: b.display_name,
    reason: b.reason,
  }));
  return {
    ...toDevice(row),
    secretRotatedAt: isoOrNull(row.secret_rotated_at),
    deactivatedAt: isoOrNull(row.deactivated_at),
    deactivationReason: row.deactivation_reason,
    assignments,
  };
}
