import type { VitalPoint, VitalType } from '@rpm/contracts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const TREND_RANGES = ['24h', '7d', '30d'] as const;
export type TrendRange = (typeof TREND_RANGES)[number];

export const TREND_RANGE_MS: Readonly<Record<TrendRange, number>> = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS };

/** uPlot's columns: x in Unix seconds, then one array per series (systolic and diastolic for blood pressure). */
export interface TrendData {
  readonly x: number[];
  readonly series: (number | null)[][];
}

/** The readings of `type` as chart columns, oldest first. */
export function trendData(readings: readonly VitalPoint[], type: VitalType): TrendData {
  const points = readings.filter((r) => r.type === type).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const x = points.map((r) => Date.parse(r.at) / 1000);
  if (type === 'blood_pressure') {
    return { x, series: [points.map((r) => r.systolic ?? null), points.map((r) => r.diastolic ?? null)] };
  }
  return { x, series: [points.map((r) => r.value ?? null)] };
}

export interface TrendStats {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly latest: number;
}

/** Count, lowest, highest and latest of the first series: the chart's text alternative. */
export function trendStats(data: TrendData): TrendStats | undefined {
  const values = (data.series[0] ?? []).filter((v): v is number => v !== null);
  const latest = values.at(-1);
  if (latest === undefined) return undefined;
  return { count: values.length, min: Math.min(...values), max: Math.max(...values), latest };
}

/** Axis labels: a clock time for a day's span, a date beyond it. */
export function axisLabelKind(spanMs: number): 'time' | 'date' {
  return spanMs <= 2 * DAY_MS ? 'time' : 'date';
}
