import { createHash } from 'node:crypto';

/** The platform's namespace for name-based UUIDs of exported resources (a fixed random UUID). */
const NAMESPACE = Buffer.from('6f1c2d4e8a9b4c3d9e0f1a2b3c4d5e6f', 'hex');

/**
 * A name-based UUID (RFC 9562 §5.5, version 5: SHA-1 of namespace and name): the same reading exported twice gets
 * the same resource id, so a receiver can de-duplicate.
 */
export function nameUuid(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  // version 5 in the high nibble of octet 6, variant 10 in the high bits of octet 8 (RFC 9562 §4.1, §4.2)
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
