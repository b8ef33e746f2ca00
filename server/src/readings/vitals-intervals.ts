import { VITALS_INTERVALS, VITALS_INTERVAL_MS } from '@rpm/contracts';
import type { VitalsInterval } from '@rpm/contracts';

/**
 * Buckets a downsampled history over [from, to] (both included) has at most: InfluxQL's GROUP BY time() aligns
 * buckets to the epoch (UTC), so a range that starts mid-bucket still opens a whole one.
 */
export function bucketCount(from: number, to: number, interval: VitalsInterval): number {
  const width = VITALS_INTERVAL_MS[interval];
  return Math.floor(to / width) - Math.floor(from / width) + 1;
}

/** The finest interval giving at most `maxPoints` buckets over [from, to]; undefined when even the coarsest gives more. */
export function pickInterval(from: number, to: number, maxPoints: number): VitalsInterval | undefined {
  return VITALS_INTERVALS.find((interval) => bucketCount(from, to, interval) <= maxPoints);
}
