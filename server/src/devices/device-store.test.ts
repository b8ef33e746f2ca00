import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { hashSecret } from '../auth/secret-hash.ts';
import { openDatabase } from '../db/open-database.ts';
import type { Database } from '../db/schema.ts';
import { DeviceStore } from './device-store.ts';

describe('DeviceStore secret hashes', () => {
  let db: Kysely<Database>;
  let store: DeviceStore;

  beforeEach(async () => {
    db = await openDatabase(':memory:');
    await db
      .insertInto('patients')
      .values({
        id: 'pat-1',
        name: 'Test',
        birth_date: null,
        sex: null,
        created_at: 0,
        created_by: null,
        programs: '[]',
        spo2_target: null,
      })
      .execute();
    store = new DeviceStore(db);
  });
  afterEach(async () => {
    await db.destroy();
  });

  const storedHash = async (deviceId: string): Promise<string> =>
    (await db.selectFrom('devices').select('secret_hash').where('id', '=', deviceId).executeTakeFirstOrThrow()).secret_hash;

  it('registers and rotates with SHA-256 hashes, and refuses the old secret after a rotation', async () => {
    const { deviceId, secret } = await store.register('pat-1', undefined, 1000);
    expect(await storedHash(deviceId)).toMatch(/^\$sha256\$/);
    expect((await store.authenticate(deviceId, secret, 2000))?.patientId).toBe('pat-1');

    const rotated = await store.rotateSecret(deviceId, 'pat-1', 3000);
    if (typeof rotated === 'string') throw new Error(`rotation refused: ${rotated}`);
    expect(await storedHash(deviceId)).toMatch(/^\$sha256\$/);
    expect(await store.authenticate(deviceId, secret, 4000)).toBeUndefined();
    expect((await store.authenticate(deviceId, rotated.secret, 4000))?.deviceId).toBe(deviceId);
  });

  it('accepts a device registered with an argon2id hash and replaces it by SHA-256 after its first good login', async () => {
    const { deviceId, secret } = await store.register('pat-1', undefined, 1000);
    await db
      .updateTable('devices')
      .set({ secret_hash: await hashSecret(secret) })
      .where('id', '=', deviceId)
      .execute();

    expect(await store.authenticate(deviceId, 'wrong-secret-wrong-secret-wrong!', 2000)).toBeUndefined();
    expect(await storedHash(deviceId)).toMatch(/^\$argon2id\$/);

    expect((await store.authenticate(deviceId, secret, 2000))?.deviceId).toBe(deviceId);
    expect(await storedHash(deviceId)).toMatch(/^\$sha256\$/);
    // a fresh store (no verified-secret cache) checks the upgraded hash
    expect((await new DeviceStore(db).authenticate(deviceId, secret, 3000))?.deviceId).toBe(deviceId);
  });
});

describe('DeviceStore status writes', () => {
  it('stores every one of many concurrent status reports (one shared commit), the latest of a device winning', async () => {
    const db = await openDatabase(':memory:');
    try {
      await db
        .insertInto('patients')
        .values({
          id: 'pat-1',
          name: 'Test',
          birth_date: null,
          sex: null,
          created_at: 0,
          created_by: null,
          programs: '[]',
          spo2_target: null,
        })
        .execute();
      const store = new DeviceStore(db);
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push((await store.register('pat-1', undefined, 1000)).deviceId);
      await Promise.all(
        ids.flatMap((deviceId, i) => [
          store.recordStatus({ deviceId, at: 2000, online: true, battery: i }),
          store.recordStatus({ deviceId, at: 3000, online: false }),
        ]),
      );
      const rows = await db.selectFrom('devices').select(['id', 'online', 'battery', 'last_seen_at']).execute();
      expect(rows).toHaveLength(20);
      for (const row of rows) {
        expect(row).toMatchObject({ online: 0, last_seen_at: 3000, battery: ids.indexOf(row.id) });
      }
    } finally {
      await db.destroy();
    }
  });
});
