import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { ProgrammeId } from '@rpm/contracts';
import { openDatabase } from '../../../../server/src/db/open-database.ts';
import { DeviceStore } from '../../../../server/src/devices/device-store.ts';

/** A device the load generator connects as: its real id and the secret the gateway will check. */
export interface FleetDevice {
  readonly deviceId: string;
  readonly secret: string;
  readonly patientId: string;
}

export interface FleetGroup {
  readonly teamId: string;
  readonly devices: readonly FleetDevice[];
}

export interface BulkFleetSpec {
  /** the platform's data directory (RPM_DATA_DIR): the database file is `rpm.sqlite` in it, as platform.ts opens it */
  readonly dataDir: string;
  /** one care team per group, one patient per device */
  readonly groups: readonly { readonly name: string; readonly devices: number; readonly programs?: readonly ProgrammeId[] }[];
  /** registration time of every device: a device refuses nothing measured after it (backlogs need it in the past) */
  readonly registeredAt: number;
}

const CHUNK_ROWS = 500;

/**
 * Provisions large fleets for the benchmarks before the platform starts, straight into its database file: the API
 * path (team, patient and device requests, each audited) takes minutes for tens of thousands of devices. Devices
 * are registered through the server's own DeviceStore, so ids, secret hashes (decision 009) and bindings are exactly
 * what the API would write; the gateway then authenticates every device for real. Patients and teams are plain rows
 * (the same columns the API fills), written in chunks inside one transaction.
 */
export async function provisionBulkFleet(spec: BulkFleetSpec): Promise<FleetGroup[]> {
  const db = await openDatabase(join(spec.dataDir, 'rpm.sqlite'));
  try {
    // a fixture, not platform data: no fsync per registration (the platform reopens the file with its own settings)
    await sql`PRAGMA synchronous = OFF`.execute(db);
    const store = new DeviceStore(db);
    const groups: FleetGroup[] = [];
    for (const group of spec.groups) {
      const teamId = randomUUID();
      const patientIds = Array.from({ length: group.devices }, () => randomUUID());
      const programs = JSON.stringify(group.programs ?? []);
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('care_teams').values({ id: teamId, name: group.name, created_at: spec.registeredAt }).execute();
        for (let i = 0; i < patientIds.length; i += CHUNK_ROWS) {
          const ids = patientIds.slice(i, i + CHUNK_ROWS);
          await tx
            .insertInto('patients')
            .values(
              ids.map((id, j) => ({
                id,
                name: `${group.name} ${i + j}`,
                birth_date: null,
                sex: null,
                created_at: spec.registeredAt,
                created_by: null,
                programs,
                spo2_target: null,
              })),
            )
            .execute();
          await tx
            .insertInto('team_patients')
            .values(ids.map((id) => ({ team_id: teamId, patient_id: id })))
            .execute();
        }
      });
      const devices: FleetDevice[] = [];
      for (const patientId of patientIds) {
        const { deviceId, secret } = await store.register(patientId, 'bench', spec.registeredAt);
        devices.push({ deviceId, secret, patientId });
      }
      groups.push({ teamId, devices });
    }
    return groups;
  } finally {
    await db.destroy();
  }
}
