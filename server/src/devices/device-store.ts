import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { CreateDeviceResponse, Device, DeviceDetail, DeviceIdentity, DeviceStatusUpdate } from '@rpm/contracts';
import type { Database } from '../db/schema.ts';
import { deviceHashNeedsUpgrade, generateSecret, hashDeviceSecret, verifyDeviceSecret } from '../auth/secret-hash.ts';
import { readDeviceDetail, toDevice } from './device-detail.ts';
import { StatusWriteBatch } from './status-write-batch.ts';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `dev-` and 12 base32 characters (60 random bits): inside the protocol's safe id alphabet. */
function newDeviceId(): string {
  const bytes = randomBytes(12);
  let id = 'dev-';
  for (const b of bytes) id += BASE32.charAt(b & 31);
  return id;
}

/** How long a verified secret is remembered, so reconnect storms do not cost a database read (or, for a device
 * registered before decision 009, an argon2 hash) each. */
const VERIFIED_CACHE_MS = 10 * 60 * 1000;

/** Receives a device's status report with the patient the device is bound to. */
export type StatusListener = (patientId: string, update: DeviceStatusUpdate) => void;

/** Why a lifecycle change was not made: the routes turn these into API errors. */
export type DeviceChangeRefusal = 'not_found' | 'inactive' | 'same_patient' | 'moved';

/** Who changes a device and why (kept in the binding history and on the device). */
export interface DeviceChangeBy {
  readonly userId: string;
  readonly reason: string;
}

/**
 * Devices, their credentials and their bindings to patients. Also the gateway's DeviceDirectory: it authenticates
 * devices (SHA-256 of their random secret, decision 009) and records their status. Every lifecycle change (rotation, deactivation, reassignment)
 * forgets the device's verified secret at once, so the next connect is checked against the database.
 */
export class DeviceStore {
  private readonly db: Kysely<Database>;
  private readonly verified = new Map<string, { digest: string; identity: DeviceIdentity; until: number }>();
  /** bumped by every lifecycle change: a secret verified across a change is checked again, never cached */
  private readonly generations = new Map<string, number>();
  private readonly onStatus: StatusListener | undefined;
  /** status writes within 20 ms share a transaction: a reconnect storm is not one fsync per device */
  private readonly statusWrites: StatusWriteBatch;

  /** @param onStatus told of every status report of a known device (battery, clock offset), for the rules */
  constructor(db: Kysely<Database>, onStatus?: StatusListener) {
    this.db = db;
    this.statusWrites = new StatusWriteBatch(db);
    this.onStatus = onStatus;
  }

  /**
   * Registers a device to a patient and opens its first binding. The secret is returned once and only its hash is
   * kept.
   */
  async register(patientId: string, model: string | undefined, now = Date.now(), by: string | null = null): Promise<CreateDeviceResponse> {
    const secret = generateSecret();
    const deviceId = newDeviceId();
    const secretHash = hashDeviceSecret(secret);
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('devices')
        .values({
          id: deviceId,
          patient_id: patientId,
          model: model ?? null,
          secret_hash: secretHash,
          active: 1,
          registered_at: now,
          last_seen_at: null,
          online: 0,
          battery: null,
          firmware: null,
          clock_offset_ms: null,
          secret_rotated_at: null,
          deactivated_at: null,
          deactivated_by: null,
          deactivation_reason: null,
        })
        .execute();
      await openBinding(tx, deviceId, patientId, now, by, 'registered');
    });
    return { deviceId, secret };
  }

  async listForPatient(patientId: string): Promise<Device[]> {
    const rows = await this.db.selectFrom('devices').selectAll().where('patient_id', '=', patientId).orderBy('registered_at').execute();
    return rows.map(toDevice);
  }

  /** The patient a device is bound to now (the last one, when deactivated); for authorisation. */
  async patientOf(deviceId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('devices').select('patient_id').where('id', '=', deviceId).executeTakeFirst();
    return row?.patient_id;
  }

  /** The device, its status and every binding it has had. */
  detail(deviceId: string): Promise<DeviceDetail | undefined> {
    return readDeviceDetail(this.db, deviceId);
  }

  /** A new secret for an active device of `patientId`; the old one is refused from now on. Shown once. */
  async rotateSecret(deviceId: string, patientId: string, now = Date.now()): Promise<CreateDeviceResponse | DeviceChangeRefusal> {
    const secret = generateSecret();
    const secretHash = hashDeviceSecret(secret);
    const result = await this.db
      .updateTable('devices')
      .set({ secret_hash: secretHash, secret_rotated_at: now })
      .where('id', '=', deviceId)
      .where('patient_id', '=', patientId)
      .where('active', '=', 1)
      .executeTakeFirst();
    this.forget(deviceId);
    if (result.numUpdatedRows === 0n) return this.refusal(deviceId);
    return { deviceId, secret };
  }

  /** Deactivates an active device of `patientId` for good and closes its binding; its stored readings stay. */
  async deactivate(deviceId: string, patientId: string, by: DeviceChangeBy, now = Date.now()): Promise<DeviceChangeRefusal | undefined> {
    const changed = await this.db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('devices')
        .set({ active: 0, deactivated_at: now, deactivated_by: by.userId, deactivation_reason: by.reason })
        .where('id', '=', deviceId)
        .where('patient_id', '=', patientId)
        .where('active', '=', 1)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await closeBinding(tx, deviceId, now);
      return true;
    });
    this.forget(deviceId);
    return changed ? undefined : this.refusal(deviceId);
  }

  /**
   * Binds an active device of `fromPatientId` to `toPatientId` from `now` on. Readings already stored keep the
   * patient they were stored under; readings measured before `now` are no longer accepted from the device (they
   * would be attributed to the wrong patient).
   */
  async reassign(
    deviceId: string,
    fromPatientId: string,
    toPatientId: string,
    by: DeviceChangeBy,
    now = Date.now(),
  ): Promise<DeviceChangeRefusal | undefined> {
    if (fromPatientId === toPatientId) return 'same_patient';
    const changed = await this.db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('devices')
        .set({ patient_id: toPatientId })
        .where('id', '=', deviceId)
        .where('patient_id', '=', fromPatientId)
        .where('active', '=', 1)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await closeBinding(tx, deviceId, now);
      await openBinding(tx, deviceId, toPatientId, now, by.userId, by.reason);
      return true;
    });
    this.forget(deviceId);
    return changed ? undefined : this.refusal(deviceId);
  }

  async authenticate(deviceId: string, secret: string, now = Date.now()): Promise<DeviceIdentity | undefined> {
    const digest = createHash('sha256').update(secret).digest('hex');
    const cached = this.verified.get(deviceId);
    if (cached !== undefined && cached.until > now && cached.digest === digest) return cached.identity;

    // A change while the check runs (a database read, and argon2 for an old hash) may have made the row read stale:
    // check again, then fail closed.
    for (let attempt = 0; attempt < 2; attempt++) {
      const generation = this.generations.get(deviceId) ?? 0;
      const row = await this.currentBinding(deviceId);
      const identity = row !== undefined && (await verifyDeviceSecret(secret, row.secret_hash)) ? row.identity : undefined;
      if ((this.generations.get(deviceId) ?? 0) !== generation) continue;
      if (identity === undefined || row === undefined) return undefined;
      if (deviceHashNeedsUpgrade(row.secret_hash)) await this.upgradeHash(deviceId, row.secret_hash, secret);
      this.verified.set(deviceId, { digest, identity, until: now + VERIFIED_CACHE_MS });
      return identity;
    }
    return undefined;
  }

  /**
   * Replaces a pre-009 argon2id hash by the SHA-256 form once the device has proven its secret, so its next checks are
   * cheap. Only if the hash is still the one verified: a rotation meanwhile wins.
   */
  private async upgradeHash(deviceId: string, verifiedHash: string, secret: string): Promise<void> {
    await this.db
      .updateTable('devices')
      .set({ secret_hash: hashDeviceSecret(secret) })
      .where('id', '=', deviceId)
      .where('secret_hash', '=', verifiedHash)
      .execute();
  }

  async lookup(deviceId: string): Promise<DeviceIdentity | undefined> {
    return (await this.currentBinding(deviceId))?.identity;
  }

  async recordStatus(update: DeviceStatusUpdate): Promise<void> {
    await this.statusWrites.write(update);
    if (this.onStatus === undefined || (update.battery === undefined && update.clockOffsetMs === undefined)) return;
    const row = await this.db.selectFrom('devices').select('patient_id').where('id', '=', update.deviceId).executeTakeFirst();
    if (row !== undefined) this.onStatus(row.patient_id, update);
  }

  /**
   * An active device with its open binding. `registeredAt` is when that binding began (the registration, or the
   * latest reassignment): the gateway refuses readings measured before it, so a reassigned device cannot file its
   * previous patient's readings under the new one.
   */
  private async currentBinding(deviceId: string): Promise<{ identity: DeviceIdentity; secret_hash: string } | undefined> {
    const row = await this.db
      .selectFrom('devices as d')
      .innerJoin('device_assignments as a', (join) => join.onRef('a.device_id', '=', 'd.id').on('a.to_at', 'is', null))
      .select((eb) => [
        'd.id',
        'd.patient_id',
        'd.secret_hash',
        'd.registered_at',
        'a.from_at',
        // an active device with a closed binding has been reassigned (deactivation is final)
        eb
          .exists(
            eb.selectFrom('device_assignments as p').select('p.id').whereRef('p.device_id', '=', 'd.id').where('p.to_at', 'is not', null),
          )
          .as('reassigned'),
      ])
      .where('d.id', '=', deviceId)
      .where('d.active', '=', 1)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const registeredAt = Number(row.reassigned) === 1 ? row.from_at : row.registered_at;
    return { identity: { deviceId: row.id, patientId: row.patient_id, registeredAt }, secret_hash: row.secret_hash };
  }

  /**
   * Told when a device's secret, activity or patient changed (after the change is stored): the platform closes the
   * device's live connection, so it must connect again under the new state.
   */
  onAccessChanged: ((deviceId: string) => void) | undefined;

  /** Drops the verified secret, invalidates any check in flight, and has the live connection closed. */
  private forget(deviceId: string): void {
    this.generations.set(deviceId, (this.generations.get(deviceId) ?? 0) + 1);
    this.verified.delete(deviceId);
    this.onAccessChanged?.(deviceId);
  }

  private async refusal(deviceId: string): Promise<DeviceChangeRefusal> {
    const row = await this.db.selectFrom('devices').select(['patient_id', 'active']).where('id', '=', deviceId).executeTakeFirst();
    if (row === undefined) return 'not_found';
    // still active: it was reassigned to another patient meanwhile
    return row.active !== 1 ? 'inactive' : 'moved';
  }
}

async function openBinding(
  tx: Transaction<Database>,
  deviceId: string,
  patientId: string,
  at: number,
  by: string | null,
  reason: string,
): Promise<void> {
  await tx
    .insertInto('device_assignments')
    .values({ id: undefined, device_id: deviceId, patient_id: patientId, from_at: at, to_at: null, assigned_by: by, reason })
    .execute();
}

async function closeBinding(tx: Transaction<Database>, deviceId: string, at: number): Promise<void> {
  await tx.updateTable('device_assignments').set({ to_at: at }).where('device_id', '=', deviceId).where('to_at', 'is', null).execute();
}
