import type { Alert } from '@rpm/contracts';

/** A reading that reached the gateway more than this after it was measured was uploaded late (stored, then sent). */
export const BACKFILL_THRESHOLD_MS = 5 * 60_000;

/** receivedAt − measuredAt, in ms. */
export function uploadDelayMs(alert: Pick<Alert, 'measuredAt' | 'receivedAt'>): number {
  return Date.parse(alert.receivedAt) - Date.parse(alert.measuredAt);
}

export function isBackfilled(alert: Pick<Alert, 'measuredAt' | 'receivedAt'>): boolean {
  return uploadDelayMs(alert) > BACKFILL_THRESHOLD_MS;
}
