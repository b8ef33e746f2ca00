import { z } from 'zod';

/**
 * Device ids become MQTT client ids, topic levels, InfluxDB tags and log fields, so they are restricted to a safe
 * ASCII alphabet: letters, digits, '-' and '_', 3 to 64 characters, starting with a letter or digit. This refuses
 * control characters, wildcards, '/', homoglyphs and anything too long to be an id.
 */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/;
export const deviceIdSchema = z.string().regex(DEVICE_ID_PATTERN, 'device id must be 3-64 of A-Z a-z 0-9 - _');

/** Patient, user, team and alert ids are server-generated UUIDs. */
export const entityIdSchema = z.uuid();

export function isDeviceId(value: string): boolean {
  return DEVICE_ID_PATTERN.test(value);
}
