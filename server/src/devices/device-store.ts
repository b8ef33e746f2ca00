import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CreateDeviceResponse, Device, DeviceIdentity, DeviceStatusUpdate } from '@rpm/contracts';
import type { Database, DevicesTable } from '../db/schema.ts';
import { generateSecret, hashSecret, verifySecret } from '../auth/secret-hash.ts';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `dev-` and 12 base32 characters (60 random bits): inside the protocol's safe id alphabet. */
function newDeviceId(): string {
  const bytes = randomBytes(12);
  let id = 'dev-';
  for (const b of bytes) id += BASE32.charAt(b & 31);
  return id;
}

const toDevice = (row: DevicesTable): Device => ({
  deviceId: row.id,
  patientId: row.patient_id,
  model: row.model,
  active: row.active === 1,
  registeredAt: new Date(row.registered_at).toISOString(),
  lastSeenAt: row.last_seen_at === null ? null : new Date(row.last_seen_at).toISOString(),
  online: row.online === 1,
  battery: row.battery,
  firmware: row.firmware,
  clockOffsetMs: row.clock_offset_ms,
});

/** How long a verified secret is remembered, so reconnect storms do not cost one argon2 hash each. */
const VERIFIED_CACHE_MS = 10 * 60 * 1000;

/**
 * Devices and their credentials. Also the gateway's DeviceDirectory: it authenticates devices (argon2id) and
 * records their status.
 */
/** Receives a device's status report with the patient the device is bound to. */
export type StatusListener = (patientId: string, update: DeviceStatusUpdate) => void;

export class DeviceStore {
  private readonly db: Kysely<Database>;
  private readonly verified = new Map<string, { digest: string; identity: DeviceIdentity; until: number }>();

  private readonly onStatus: StatusListener | undefined;

  /** @param onStatus told of every status report of a known device (battery, clock offset), for the rules */
  constructor(db: Kysely<Database>, onStatus?: StatusListener) {
    this.db = db;
    this.onStatus = onStatus;
  }

  /** Registers a device to a patient. The secret is returned once and only its hash is kept. */
  async register(patientId: string, model: string | undefined, now = Date.now()): Promise<CreateDeviceResponse> {
    const secret = generateSecret();
    const deviceId = newDeviceId();
    await this.db
      .insertInto('devices')
      .values({
        id: deviceId,
        patient_id: patientId,
        model: model ?? null,
        secret_hash: await hashSecret(secret),
        active: 1,
        registered_at: now,
        last_seen_at: null,
        online: 0,
        battery: null,
        firmware: null,
        clock_offset_ms: null,
      })
      .execute();
    return { deviceId, secret };
  }

  async listForPatient(patientId: string): Promise<Device[]> {
    const rows = await this.db.selectFrom('devices').selectAll().where('patient_id', '=', patientId).orderBy('registered_at').execute();
    return rows.map(toDevice);
  }

  async authenticate(deviceId: string, secret: string, now = Date.now()): Promise<DeviceIdentity | undefined> {
    const digest = createHash('sha256').update(secret).digest('hex');
    const cached = this.verified.get(deviceId);
    if (cached !== undefined && cached.until > now && cached.digest === digest) return cached.identity;

    const row = await this.db
      .selectFrom('devices')
      .select(['id', 'patient_id', 'registered_at', 'secret_hash', 'active'])
      .where('id', '=', deviceId)
      .executeTakeFirst();
    if (row?.active !== 1 || !(await verifySecret(secret, row.secret_hash))) return undefined;
    const identity: DeviceIdentity = { deviceId: row.id, patientId: row.patient_id, registeredAt: row.registered_at };
    this.verified.set(deviceId, { digest, identity, until: now + VERIFIED_CACHE_MS });
    return identity;
  }

  async lookup(deviceId: string): Promise<DeviceIdentity | undefined> {
    const row = await this.db
      .selectFrom('devices')
      .select(['id', 'patient_id', 'registered_at', 'active'])
      .where('id', '=', deviceId)
      .executeTakeFirst();
    if (row?.active !== 1) return undefined;
    return { deviceId: row.id, patientId: row.patient_id, registeredAt: row.registered_at };
  }

  async recordStatus(update: DeviceStatusUpdate): Promise<void> {
    await this.db
      .updateTable('devices')
      .set({
        last_seen_at: update.at,
        ...(update.online === undefined ? {} : { online: update.online ? 1 : 0 }),
        ...(update.battery === undefined ? {} : { battery: update.battery }),
        ...(update.firmware === undefined ? {} : { firmware: update.firmware }),
        ...(update.model === undefined ? {} : { model: update.model }),
        ...(update.clockOffsetMs === undefined ? {} : { clock_offset_ms: update.clockOffsetMs }),
      })
      .where('id', '=', update.deviceId)
      .execute();
    if (this.onStatus === undefined || (update.battery === undefined && update.clockOffsetMs === undefined)) return;
    const row = await this.db.selectFrom('devices').select('patient_id').where('id', '=', update.deviceId).executeTakeFirst();
    if (row !== undefined) this.onStatus(row.patient_id, update);
  }
}
