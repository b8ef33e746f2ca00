import { describe, expect, it } from 'vitest';
import { deviceHashNeedsUpgrade, generateSecret, hashDeviceSecret, hashSecret, verifyDeviceSecret, verifySecret } from './secret-hash.ts';

describe('device secret hashes (decision 009)', () => {
  const secret = generateSecret();
  const sha = hashDeviceSecret(secret);

  it('stores a platform-issued secret as a $sha256$ PHC string that holds no trace of the secret', () => {
    expect(sha).toMatch(/^\$sha256\$[A-Za-z0-9+/]{43}$/);
    expect(sha).not.toContain(secret);
    expect(deviceHashNeedsUpgrade(sha)).toBe(false);
  });

  it.each([
    { name: 'the right secret', given: secret, ok: true },
    { name: 'a wrong secret', given: generateSecret(), ok: false },
    { name: 'the secret with one character changed', given: `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`, ok: false },
    { name: 'an empty secret', given: '', ok: false },
  ])('verifies $name: $ok', async ({ given, ok }) => {
    expect(await verifyDeviceSecret(given, sha)).toBe(ok);
  });

  it('still verifies a device hashed with argon2id before 009, and marks it for upgrade', async () => {
    const legacy = await hashSecret(secret);
    expect(await verifyDeviceSecret(secret, legacy)).toBe(true);
    expect(await verifyDeviceSecret(generateSecret(), legacy)).toBe(false);
    expect(deviceHashNeedsUpgrade(legacy)).toBe(true);
  });

  it.each([
    { name: 'empty', stored: '' },
    { name: 'truncated', stored: sha.slice(0, -1) },
    { name: 'unknown scheme', stored: sha.replace('$sha256$', '$md5$') },
    { name: 'plain secret', stored: secret },
  ])('refuses a malformed stored hash ($name)', async ({ stored }) => {
    expect(await verifyDeviceSecret(secret, stored)).toBe(false);
  });

  it('never accepts a fast hash as a password: passwords stay argon2id only', async () => {
    expect(await verifySecret(secret, sha)).toBe(false);
  });
});
