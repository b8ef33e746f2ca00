import { PROTOCOL_LIMITS, type CanonicalReading, type DeviceIdentity, type Rejection } from '@rpm/contracts';

/**
 * Store-and-forward keeps measurement times, so they must be believable: not ahead of the gateway's clock by more
 * than the allowed clock skew, and not before the device was registered to its patient (with the same tolerance).
 * Returns the readings unchanged (no copy) when all pass — the common case on the hot path.
 */
export function checkMeasurementTimes(
  readings: readonly CanonicalReading[],
  device: DeviceIdentity,
  now: number,
): { accepted: readonly CanonicalReading[]; rejected: Rejection[] } {
  const latest = now + PROTOCOL_LIMITS.maxClockSkewMs;
  const earliest = device.registeredAt - PROTOCOL_LIMITS.maxClockSkewMs;
  const bad = (r: CanonicalReading): boolean => r.at > latest || r.at < earliest;
  if (!readings.some(bad)) return { accepted: readings, rejected: [] };
  const accepted: CanonicalReading[] = [];
  const rejected: Rejection[] = [];
  for (const reading of readings) {
    const at = new Date(reading.at).toISOString();
    if (reading.at > latest) {
      rejected.push({
        reason: 'TIME_IN_FUTURE',
        detail: `${reading.type} at ${at} is ${Math.round((reading.at - now) / 1000)} s ahead of the gateway`,
      });
    } else if (reading.at < earliest) {
      rejected.push({ reason: 'TIME_BEFORE_REGISTRATION', detail: `${reading.type} at ${at} precedes the device's registration` });
    } else {
      accepted.push(reading);
    }
  }
  return { accepted, rejected };
}
