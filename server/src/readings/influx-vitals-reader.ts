import { VITALS, isVitalType } from '@rpm/contracts';
import type { VitalPoint } from '@rpm/contracts';
import type { InfluxConfig } from '@rpm/contracts';
import type { VitalsQuery, VitalsReader } from './vitals-reader.ts';

export interface InfluxVitalsReaderOptions {
  /** longest a query or ping may take, milliseconds */
  readonly timeoutMs?: number;
}

/** The gateway writes every vital sign to this measurement (device-gateway/src/storage/influx-reading-store.ts). */
const MEASUREMENT = 'vitals';
const DEFAULT_TIMEOUT_MS = 30_000;

interface QueryAnswer {
  error?: string;
  results?: {
    error?: string;
    series?: { columns: string[]; values: unknown[][] }[];
  }[];
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

  constructor(config: InfluxConfig, options: InfluxVitalsReaderOptions = {}) {
    this.config = config;
    this.baseUrl = config.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async query(q: VitalsQuery): Promise<VitalPoint[]> {
    if (!Number.isFinite(q.from) || !Number.isFinite(q.to)) throw new RangeError('from and to must be finite epoch milliseconds');
    if (!Number.isSafeInteger(q.limit) || q.limit < 1) throw new RangeError(`limit must be a positive integer, got ${q.limit}`);
    const answer = await this.run(buildVitalsQuery(q, this.config.database, this.config.retentionPolicy));
    const series = answer.results?.[0]?.series ?? [];
    const points: VitalPoint[] = [];
    for (const s of series) {
      const columns = indexColumns(s.columns);
      for (const row of s.values) {
        const point = toVitalPoint(columns, row);
        if (point !== undefined) points.push(point);
      }
    }
    return points;
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

  private async run(influxql: string): Promise<QueryAnswer> {
    const params = new URLSearchParams({ db: this.config.database, q: influxql, epoch: 'ms' });
    if (this.config.apiVersion === 'v1' && this.config.username !== undefined) {
      params.set('u', this.config.username);
      params.set('p', this.config.password ?? '');
    }
    const response = await fetch(`${this.baseUrl}/query?${params.toString()}`, {
      headers: this.headers(),
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
    return answer;
  }

  private headers(): Record<string, string> {
    return this.config.apiVersion === 'v2' && this.config.token !== undefined ? { authorization: `Token ${this.config.token}` } : {};
  }
}

/** The InfluxQL statement of a query; exported for tests. Times are whole epoch ms (the gateway writes ms precision). */
export function buildVitalsQuery(q: VitalsQuery, database: string, retentionPolicy?: string): string {
  const source =
    retentionPolicy === undefined ? quoteIdentifier(MEASUREMENT) : [database, retentionPolicy, MEASUREMENT].map(quoteIdentifier).join('.');
  const conditions = [`"patient_id" = ${quoteString(q.patientId)}`, `time >= ${Math.ceil(q.from)}ms`, `time <= ${Math.floor(q.to)}ms`];
  if (q.type !== undefined) conditions.push(`"type" = ${quoteString(q.type)}`);
  return `SELECT * FROM ${source} WHERE ${conditions.join(' AND ')} ORDER BY time ASC LIMIT ${q.limit}`;
}

/** InfluxQL identifier: double quotes, `\` and `"` escaped (InfluxQL spec, "Identifiers"). */
function quoteIdentifier(name: string): string {
  return `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** InfluxQL string literal: single quotes, `\` and `'` escaped, newlines as `\n` (InfluxQL spec, "Strings"). */
function quoteString(value: string): string {
  return `'${value.replace(/[\\'\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}'`;
}

const COLUMNS = ['time', 'type', 'device_id', 'value', 'systolic', 'diastolic', 'on_oxygen', 'received_at'] as const;
type ColumnIndex = Record<(typeof COLUMNS)[number], number>;

/** Where each column we read sits in a series of `SELECT *` (time first, then fields and tags by name); -1 = absent. */
function indexColumns(columns: readonly string[]): ColumnIndex {
  const index = {} as ColumnIndex;
  for (const name of COLUMNS) index[name] = columns.indexOf(name);
  return index;
}

/** A row as a VitalPoint; undefined for a type the catalogue does not know. */
function toVitalPoint(c: ColumnIndex, row: readonly unknown[]): VitalPoint | undefined {
  const type = row[c.type];
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
