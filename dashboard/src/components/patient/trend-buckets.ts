import type { VitalBucket, VitalsHistoryResponse, VitalsInterval, VitalStats, VitalType } from '@rpm/contracts';
import { trendData, trendStats, type TrendData, type TrendRange, type TrendStats } from '../../patient/trend-data.ts';

/**
 * Buckets asked for beyond 24 h: about a wide chart's width in pixels, so a line never has more points than it can
 * draw (the server picks the finest interval that stays within it: 15 min for 7 days, 1 h for 30 days).
 */
export const TREND_MAX_POINTS = 1000;

/** 24 h stays raw (every reading, drawn with its dot); longer ranges are downsampled by the server. */
export function trendMaxPoints(range: TrendRange): number | undefined {
  return range === '24h' ? undefined : TREND_MAX_POINTS;
}

/** A trend ready for the chart: the line(s), and for downsampled data the lowest–highest band of each line. */
export interface TrendView {
  /** x, then one mean (or raw value) column per line */
  readonly data: TrendData;
  /** per line, its per-bucket lowest and highest; empty for raw readings */
  readonly bands: readonly { readonly min: (number | null)[]; readonly max: (number | null)[] }[];
  /**
   * The text alternative, of the first line. Downsampled: count = the buckets' readings added up, lowest = lowest of
   * the buckets' lowest, highest = highest of their highest, latest = the mean of the last bucket (not the last reading).
   */
  readonly stats: TrendStats | undefined;
  /** the bucket width of downsampled data (stats.latest is then a mean over it); undefined for raw readings */
  readonly interval: VitalsInterval | undefined;
}

/** The fields of a bucket that are lines: systolic and diastolic for blood pressure, the value otherwise. */
function fieldsOf(type: VitalType): readonly ('value' | 'systolic' | 'diastolic')[] {
  return type === 'blood_pressure' ? ['systolic', 'diastolic'] : ['value'];
}

function bucketStats(buckets: readonly VitalBucket[], field: 'value' | 'systolic' | 'diastolic'): TrendStats | undefined {
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let latest: number | undefined;
  for (const bucket of buckets) {
    const stats: VitalStats | undefined = bucket[field];
    if (stats === undefined) continue;
    count += bucket.count;
    min = Math.min(min, stats.min);
    max = Math.max(max, stats.max);
    latest = stats.mean;
  }
  return latest === undefined ? undefined : { count, min, max, latest };
}

/** Raw readings or server buckets (GET /patients/{id}/vitals with or without `maxPoints`) as one chart's data. */
export function trendView(response: VitalsHistoryResponse, type: VitalType): TrendView {
  if ('readings' in response) {
    const data = trendData(response.readings, type);
    return { data, bands: [], stats: trendStats(data), interval: undefined };
  }
  const buckets = response.type === type ? [...response.buckets].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)) : [];
  const fields = fieldsOf(type);
  const column = (pick: (stats: VitalStats) => number, field: (typeof fields)[number]): (number | null)[] =>
    buckets.map((bucket) => {
      const stats = bucket[field];
      return stats === undefined ? null : pick(stats);
    });
  const first = fields[0] ?? 'value';
  return {
    data: { x: buckets.map((bucket) => Date.parse(bucket.start) / 1000), series: fields.map((f) => column((s) => s.mean, f)) },
    bands: fields.map((f) => ({ min: column((s) => s.min, f), max: column((s) => s.max, f) })),
    stats: bucketStats(buckets, first),
    interval: response.interval,
  };
}
