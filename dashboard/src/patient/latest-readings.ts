import type { VitalPoint, VitalType } from '@rpm/contracts';

/** The newest reading of each type, by measurement time (the API orders by time, but a merge of pages may not). */
export function latestByType(readings: readonly VitalPoint[]): ReadonlyMap<VitalType, VitalPoint> {
  const latest = new Map<VitalType, VitalPoint>();
  for (const reading of readings) {
    const held = latest.get(reading.type);
    if (held === undefined || Date.parse(reading.at) >= Date.parse(held.at)) latest.set(reading.type, reading);
  }
  return latest;
}
