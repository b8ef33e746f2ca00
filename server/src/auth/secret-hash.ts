import { argon2, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Passwords: argon2id, stored as PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`). Parameters: OWASP
 * Password Storage Cheat Sheet, argon2id minimum configuration (19 MiB, 2 iterations, 1 lane).
 *
 * Device secrets: a single SHA-256, `$sha256$<hash>` (decision 009). They are 192 random bits issued by the platform
 * (generateSecret), so there is nothing for a slow hash to protect against a brute force, and argon2's ~tens of ms
 * per check would cost a 50,000-device reconnect storm tens of minutes of gateway CPU. Device hashes written before
 * 009 are argon2id and still verify.
 */
const PARAMS = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 } as const;

function derive(
  secret: string,
  nonce: Buffer,
  p: { memory: number; passes: number; parallelism: number; tagLength: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    argon2('argon2id', { message: secret, nonce, ...p }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

const b64 = (b: Buffer): string => b.toString('base64').replace(/=+$/, '');

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, PARAMS);
  return `$argon2id$v=19$m=${PARAMS.memory},t=${PARAMS.passes},p=${PARAMS.parallelism}$${b64(salt)}$${b64(key)}`;
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** Constant-time check of `secret` against a stored PHC string; false for anything malformed. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const m = PHC.exec(stored);
  if (m === null) return false;
  const [, memory, passes, parallelism, salt, hash] = m;
  const expected = Buffer.from(hash ?? '', 'base64');
  const key = await derive(secret, Buffer.from(salt ?? '', 'base64'), {
    memory: Number(memory),
    passes: Number(passes),
    parallelism: Number(parallelism),
    tagLength: expected.length,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

const SHA256_PHC = /^\$sha256\$([A-Za-z0-9+/]{43})$/;

/** The stored form of a platform-issued device secret (never of a password: those need argon2id). */
export function hashDeviceSecret(secret: string): string {
  return `$sha256$${b64(createHash('sha256').update(secret).digest())}`;
}

/** True when a stored device hash is not the current `$sha256$` form and should be replaced after a successful check. */
export function deviceHashNeedsUpgrade(stored: string): boolean {
  return !SHA256_PHC.test(stored);
}

/**
 * Constant-time check of a device secret against its stored hash: `$sha256$` (current) or `$argon2id$` (devices
 * registered before decision 009). False for anything malformed.
 */
export async function verifyDeviceSecret(secret: string, stored: string): Promise<boolean> {
  const m = SHA256_PHC.exec(stored);
  if (m === null) return verifySecret(secret, stored);
  const expected = Buffer.from(m[1] ?? '', 'base64');
  const actual = createHash('sha256').update(secret).digest();
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A random secret for a device or a generated password: 24 bytes, URL-safe base64 (32 characters). */
export function generateSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
