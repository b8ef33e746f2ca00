import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * argon2id hashes for passwords and device secrets, stored as PHC strings
 * (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`). Parameters: OWASP Password Storage Cheat Sheet, argon2id
 * minimum configuration (19 MiB, 2 iterations, 1 lane).
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

/** A random secret for a device or a generated password: 24 bytes, URL-safe base64 (32 characters). */
export function generateSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
