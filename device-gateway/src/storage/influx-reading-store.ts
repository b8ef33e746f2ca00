import { HttpError, InfluxDB, Point } from '@influxdata/influxdb-client';
import type { WriteOptions } from '@influxdata/influxdb-client';
import type { AcceptedReading } from '@rpm/contracts';
import type { Logger } from '../ports.ts';
import type { InfluxConfig } from '@rpm/contracts';
import { InfluxV1Transport } from './influx-v1-transport.ts';
import type { ReadingStore } from './reading-store.ts';

import { readingToLine } from './reading-to-line.ts';
import { VITALS_MEASUREMENT } from './vitals-measurement.ts';

export { VITALS_MEASUREMENT };

export interface InfluxReadingStoreOptions {
  readonly log?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** socket timeout of one request (write, ping, CREATE DATABASE), milliseconds */
  readonly timeoutMs?: number;
  /**
   * gzip write bodies larger than this many bytes. Default: never for a loopback URL (compression only costs CPU on
   * the hot path there), the library's 1,000 otherwise.
   */
  readonly gzipThresholdBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const LIBRARY_GZIP_THRESHOLD_BYTES = 1000;

/**
 * A reading as one InfluxDB point: measurement `vitals`, tags patient_id/device_id/type, timestamp = measurement time
 * in ms. Same series + same time overwrites, so a replayed reading is stored once (ARCHITECTURE §3).
 * Numeric vitals are always float fields (`floatField(97)` gives `value=97`, a float in line protocol; `97i` would be
 * an integer), otherwise the first integer-looking value would fix the field type and 97.5 would then be refused.
 */
export function readingToPoint(accepted: AcceptedReading): Point {
  const reading = accepted.reading;
  const point = new Point(VITALS_MEASUREMENT)
    .tag('patient_id', accepted.patientId)
    .tag('device_id', accepted.deviceId)
    .tag('type', reading.type)
    .intField('seq', accepted.seq)
    .intField('received_at', accepted.receivedAt)
    .timestamp(reading.at);
  if (reading.type === 'blood_pressure') {
    point.floatField('systolic', reading.systolic).floatField('diastolic', reading.diastolic);
    if (reading.pulse !== undefined) point.floatField('pulse', reading.pulse);
  } else {
    point.floatField('value', reading.value);
    if (reading.onOxygen !== undefined) point.booleanField('on_oxygen', reading.onOxygen);
  }
  return point;
}

/**
 * ReadingStore on InfluxDB 1.x (through InfluxV1Transport) or 2.x/3.x, written through the library's WriteApi.
 *
 * The library's own batching, timer and retry buffer are switched off: its retry buffer lives in memory and drops
 * lines (ARCHITECTURE §4), so each write() is one request that settles when InfluxDB answers, and the caller
 * (the spool drainer) owns retries. Errors are the library's: an HttpError carries `statusCode` (4xx = InfluxDB
 * refused the lines, retrying will not help; 5xx = retry), anything else is a network error or timeout.
 */
export class InfluxReadingStore implements ReadingStore {
  private readonly config: InfluxConfig;
  private readonly log: Pick<Logger, 'info' | 'warn' | 'error'> | undefined;
  private readonly timeoutMs: number;
  private readonly baseUrl: string;
  private readonly client: InfluxDB;
  private readonly org: string;
  private readonly bucket: string;
  private readonly writeOptions: Partial<WriteOptions>;
  private closed = false;

  constructor(config: InfluxConfig, options: InfluxReadingStoreOptions = {}) {
    this.config = config;
    this.log = options.log;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.baseUrl = config.url.replace(/\/+$/, '');
    this.client =
      config.apiVersion === 'v1'
        ? new InfluxDB({
            url: this.baseUrl,
            transport: InfluxV1Transport.forUrl({
              url: this.baseUrl,
              timeoutMs: this.timeoutMs,
              username: config.username,
              password: config.password,
            }),
          })
        : new InfluxDB({ url: this.baseUrl, timeout: this.timeoutMs, ...(config.token === undefined ? {} : { token: config.token }) });
    // v1: the transport maps bucket `db/rp` to /write?db=..&rp=..; an empty rp means the default policy.
    this.org = config.apiVersion === 'v1' ? '' : (config.org ?? '');
    this.bucket = config.apiVersion === 'v1' ? `${config.database}/${config.retentionPolicy ?? ''}` : (config.bucket ?? config.database);
    this.writeOptions = {
      flushInterval: 0, // no timer: write() flushes
      maxRetries: 0,
      maxBatchBytes: Number.POSITIVE_INFINITY, // never split or send early: the caller sizes batches
      gzipThreshold: options.gzipThresholdBytes ?? (isLoopback(this.baseUrl) ? Number.POSITIVE_INFINITY : LIBRARY_GZIP_THRESHOLD_BYTES),
      // Returning a promise makes it the result of the flush: no in-memory retry, no console logging by the library.
      writeFailed: (error: Error) => (isHintedHandoffNotice(error) ? undefined : Promise.reject(error)),
    };
  }

  async write(readings: readonly AcceptedReading[]): Promise<void> {
    if (this.closed) throw new Error('InfluxReadingStore: write after close');
    if (readings.length === 0) return;
    // One WriteApi per call: concurrent writes (the drainer keeps up to 2 in flight) never share a buffer, and a
    // batchSize above the line count means the WriteApi never sends early (an early send's error would be swallowed).
    const api = this.client.getWriteApi(this.org, this.bucket, 'ms', { ...this.writeOptions, batchSize: readings.length + 1 });
    try {
      // lines built directly (readingToLine = readingToPoint's line protocol, without a Point per reading)
      api.writeRecords(readings.map(readingToLine));
      await api.flush();
    } finally {
      api.dispose();
    }
  }

  async ping(): Promise<boolean> {
    try {
      // 1.x and 2.x answer 204, 3.x 200.
      const response = await fetch(`${this.baseUrl}/ping`, { headers: this.authHeaders(), signal: AbortSignal.timeout(this.timeoutMs) });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  }

  async ensureDatabase(): Promise<void> {
    if (this.config.apiVersion !== 'v1') return; // 2.x/3.x buckets are provisioned by their operators
    // CREATE DATABASE is a no-op when the database exists (InfluxQL reference, "CREATE DATABASE").
    const body = new URLSearchParams({ q: `CREATE DATABASE ${quoteIdentifier(this.config.database)}` });
    if (this.config.username !== undefined) {
      body.set('u', this.config.username);
      body.set('p', this.config.password ?? '');
    }
    const response = await fetch(`${this.baseUrl}/query`, { method: 'POST', body, signal: AbortSignal.timeout(this.timeoutMs) });
    const text = await response.text();
    const error = response.ok ? statementError(text) : text;
    if (error !== undefined) {
      throw new Error(`InfluxDB refused CREATE DATABASE ${this.config.database} (HTTP ${response.status}): ${error}`);
    }
    this.log?.info({ database: this.config.database }, 'InfluxDB database ready');
  }

  close(): Promise<void> {
    // Nothing is buffered or pooled here (write() settles before it returns); later writes are refused.
    this.closed = true;
    return Promise.resolve();
  }

  private authHeaders(): Record<string, string> {
    return this.config.apiVersion === 'v2' && this.config.token !== undefined ? { authorization: `Token ${this.config.token}` } : {};
  }
}

/** InfluxQL identifier in double quotes, with `\` and `"` escaped (InfluxQL spec, "Identifiers"). */
function quoteIdentifier(name: string): string {
  return `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The first statement error of a /query JSON answer, or undefined. */
function statementError(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: string; results?: { error?: string }[] };
    return parsed.error ?? parsed.results?.find((r) => r.error !== undefined)?.error;
  } catch {
    return `unreadable answer: ${text.slice(0, 200)}`;
  }
}

/** InfluxDB Enterprise reports a write it accepted but queued for a down node this way; the library treats it as done. */
function isHintedHandoffNotice(error: Error): boolean {
  const json: unknown = error instanceof HttpError ? error.json : undefined;
  return (
    typeof json === 'object' && json !== null && String((json as { error?: unknown }).error).includes('hinted handoff queue not empty')
  );
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}
