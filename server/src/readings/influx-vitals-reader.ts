import { VITALS, VITALS_INTERVAL_MS, VITAL_TYPES, isVitalType } from '@rpm/contracts';
import type { InfluxConfig, VitalBucket, VitalPoint, VitalStats } from '@rpm/contracts';
import { bucketPoints } from './bucket-points.ts';
import {
  buildCountQuery,
  buildDownsampleQuery,
  buildFieldsQuery,
  buildLatestQuery,
  buildVitalsQuery,
  downsampledFields,
} from './influxql.ts';
import { bucketCount } from './vitals-intervals.ts';
import type { VitalsDownsampleQuery, VitalsQuery, VitalsReader } from './vitals-reader.ts';

export { buildDownsampleQuery, buildLatestQuery, buildVitalsQuery } from './influxql.ts';

export interface InfluxVitalsReaderOptions {
  /** longest a query or ping may take, milliseconds */
  readonly timeoutMs?: number;
  /**
   * A downsample spanning more buckets than this is bucketed here from the raw points, when there are few enough of
   * them (see RAW_POINTS_PER_BUCKET); fewer buckets are left to InfluxDB's GROUP BY time(). Default 2,000.
   */
  readonly inProcessMinBuckets?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_IN_PROCESS_MIN_BUCKETS = 2_000;
/**
 * Most raw points per bucket for bucketing here. InfluxDB 1.6 on 2 cores spends ~35 µs per bucket on
 * count/mean/min/max GROUP BY time(1m) (43,200 buckets: ~1.4 s) but ~8 µs per raw point read (43,200: ~0.3 s);
 * docs/performance.md, "Vitals history".
 */
const RAW_POINTS_PER_BUCKET = 4;

interface Series {
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}

interface QueryAnswer {
  error?: string;
  results?: { error?: string; series?: Series[] }[];
}

/**
 * VitalsReader over InfluxQL on the v1 `/query` API, which InfluxDB 1.x, 2.x (v1 compatibility API) and 3.x all
 * answer (ARCHITECTURE §3). Points come back with epoch-ms times and become contract VitalPoints with the catalogue's
 * canonical unit. The stored blood-pressure `pulse` and the `seq` have no place in VitalPoint and are not returned.
 */
export class InfluxVitalsReader implements VitalsReader {
  private readonly config: InfluxConfig;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly inProcessMinBuckets: number;

  constructor(config: InfluxConfig, options: InfluxVitalsReaderOptions = {}) {
    this.config = config;
    this.baseUrl = config.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.inProcessMinBuckets = options.inProcessMinBuckets ?? DEFAULT_IN_PROCESS_MIN_BUCKETS;
  }

  async query(q: VitalsQuery): Promise<VitalPoint[]> {
    checkWindow(q.from, q.to);
    if (!Number.isSafeInteger(q.limit) || q.limit < 1) throw new RangeError(`limit must be a positive integer, got ${q.limit}`);
    const points: VitalPoint[] = [];
    for (const s of await this.run(buildVitalsQuery(q, this.config.database, this.config.retentionPolicy))) {
      const columns = indexColumns(s.columns);
      for (const row of s.values) {
        const point = toVitalPoint(columns, row);
        if (point !== undefined) points.push(point);
      }
    }
    return points;
  }

  async downsample(q: VitalsDownsampleQuery): Promise<VitalBucket[]> {
    checkWindow(q.from, q.to);
    const buckets = bucketCount(q.from, q.to, q.interval);
    if (buckets > this.inProcessMinBuckets) {
      const points = await this.count(q);
      if (points <= buckets * RAW_POINTS_PER_BUCKET) {
        const rows = (await this.run(buildFieldsQuery(q, this.config.database, this.config.retentionPolicy))).flatMap((s) => s.values);
        return bucketPoints(rows, downsampledFields(q), VITALS_INTERVAL_MS[q.interval]);
      }
    }
    return this.downsampleInInflux(q);
  }

  private async count(q: VitalsDownsampleQuery): Promise<number> {
    const [series] = await this.run(buildCountQuery(q, this.config.database, this.config.retentionPolicy));
    const count = series?.values[0]?.[series.columns.indexOf('count')];
    return typeof count === 'number' ? count : 0;
  }

  private async downsampleInInflux(q: VitalsDownsampleQuery): Promise<VitalBucket[]> {
    const fields = downsampledFields(q);
    const buckets: VitalBucket[] = [];
    for (const s of await this.run(buildDownsampleQuery(q, this.config.database, this.config.retentionPolicy))) {
      const time = s.columns.indexOf('time');
      const count = s.columns.indexOf('count');
      const stats = fields.map((field) => ({
        field,
        mean: s.columns.indexOf(`${field}_mean`),
        min: s.columns.indexOf(`${field}_min`),
        max: s.columns.indexOf(`${field}_max`),
      }));
      for (const row of s.values) {
        const start = row[time];
        const n = row[count];
        if (typeof start !== 'number' || typeof n !== 'number' || n < 1) continue;
        const bucket: VitalBucket = { start: new Date(start).toISOString(), count: n };
        for (const c of stats) {
          const summary = toStats(row[c.mean], row[c.min], row[c.max]);
          if (summary !== undefined) bucket[c.field] = summary;
        }
        buckets.push(bucket);
      }
    }
    return buckets;
  }

  async latestByPatient(patientIds: readonly string[]): Promise<Map<string, VitalPoint[]>> {
    const latest = new Map<string, VitalPoint[]>();
    const ids = [...new Set(patientIds)];
    if (ids.length === 0) return latest;
    for (const s of await this.run(buildLatestQuery(ids, this.config.database, this.config.retentionPolicy))) {
      const patientId = s.tags?.['patient_id'];
      const type = s.tags?.['type'];
      const row = s.values[0];
      if (patientId === undefined || row === undefined) continue;
      const point = toVitalPoint(indexColumns(s.columns), row, type);
      if (point === undefined) continue;
      const points = latest.get(patientId) ?? [];
      points.push(point);
      latest.set(patientId, points);
    }
    for (const points of latest.values()) points.sort((a, b) => VITAL_TYPES.indexOf(a.type) - VITAL_TYPES.indexOf(b.type));
    return latest;
  }

  async ping(): Promise<boolean> {
    try {
      // 1.x and 2.x answer 204, 3.x 200.
      const response = await fetch(`${this.baseUrl}/ping`, { headers: this.headers(), signal: AbortSignal.timeout(this.timeoutMs) });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  }

  /** The series of a one-statement query. POST, so a long statement (latestByPatient of a big roster) fits. */
  private async run(influxql: string): Promise<Series[]> {
    const body = new URLSearchParams({ db: this.config.database, q: influxql, epoch: 'ms' });
    if (this.config.apiVersion === 'v1' && this.config.username !== undefined) {
      body.set('u', this.config.username);
      body.set('p', this.config.password ?? '');
    }
    const response = await fetch(`${this.baseUrl}/query`, {
      method: 'POST',
      headers: this.headers(),
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    let answer: QueryAnswer;
    try {
      answer = JSON.parse(text) as QueryAnswer;
    } catch {
      throw new Error(`InfluxDB /query answered HTTP ${response.status} with non-JSON: ${text.slice(0, 200)}`);
    }
    // 1.x reports a failed statement with HTTP 200 and an error inside results.
    const error = answer.error ?? answer.results?.find((r) => r.error !== undefined)?.error;
    if (!response.ok || error !== undefined)
      throw new Error(`InfluxDB /query failed (HTTP ${response.status}): ${error ?? text.slice(0, 200)}`);
    return answer.results?.[0]?.series ?? [];
  }

  private headers(): Record<string, string> {
    return this.config.apiVersion === 'v2' && this.config.token !== undefined ? { authorization: `Token ${this.config.token}` } : {};
  }
}

function checkWindow(from: number, to: number): void {
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new RangeError('from and to must be finite epoch milliseconds');
}

function toStats(mean: unknown, min: unknown, max: unknown): VitalStats | undefined {
  return typeof mean === 'number' && typeof min === 'number' && typeof max === 'number' ? { mean, min, max } : undefined;
}

const COLUMNS = ['time', 'type', 'device_id', 'value', 'systolic', 'diastolic', 'on_oxygen', 'received_at'] as const;
type ColumnIndex = Record<(typeof COLUMNS)[number], number>;

/** Where each column we read sits in a series of `SELECT *` (time first, then fields and tags by name); -1 = absent. */
function indexColumns(columns: readonly string[]): ColumnIndex {
  const index = {} as ColumnIndex;
  for (const name of COLUMNS) index[name] = columns.indexOf(name);
  return index;
}

/** A row as a VitalPoint; undefined for a type the catalogue does not know. `seriesType`: the type of a GROUP BY series. */
function toVitalPoint(c: ColumnIndex, row: readonly unknown[], seriesType?: string): VitalPoint | undefined {
  const type = c.type === -1 ? seriesType : row[c.type];
  const time = row[c.time];
  if (typeof type !== 'string' || !isVitalType(type) || typeof time !== 'number') return undefined;
  const deviceId = row[c.device_id];
  const point: VitalPoint = {
    type,
    at: new Date(time).toISOString(),
    unit: VITALS[type].unit,
    deviceId: typeof deviceId === 'string' ? deviceId : '',
  };
  const value = row[c.value];
  const systolic = row[c.systolic];
  const diastolic = row[c.diastolic];
  const onOxygen = row[c.on_oxygen];
  const receivedAt = row[c.received_at];
  if (typeof value === 'number') point.value = value;
  if (typeof systolic === 'number') point.systolic = systolic;
  if (typeof diastolic === 'number') point.diastolic = diastolic;
  if (typeof onOxygen === 'boolean') point.onOxygen = onOxygen;
  if (typeof receivedAt === 'number') point.receivedAt = new Date(receivedAt).toISOString();
  return point;
}
