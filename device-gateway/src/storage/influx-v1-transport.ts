import { InfluxDB } from '@influxdata/influxdb-client';
import type { ChunkCombiner, CommunicationObserver, ResponseStartedFn, SendOptions, Transport } from '@influxdata/influxdb-client';

/** Credentials of an InfluxDB 1.x user (servers with auth-enabled). */
export interface InfluxV1Credentials {
  readonly username?: string | undefined;
  readonly password?: string | undefined;
}

export interface InfluxV1TransportOptions extends InfluxV1Credentials {
  /** base URL of the 1.x server, e.g. `http://127.0.0.1:8086` */
  readonly url: string;
  /** socket timeout of one request, milliseconds (the library's default is 10,000) */
  readonly timeoutMs?: number;
}

const V2_WRITE_PATH = '/api/v2/write?';

/**
 * 1.x `/write` takes n/u/ms/s where `/api/v2/write` takes ns/us/ms/s.
 * InfluxDB 1.x HTTP API reference, "/write" query string parameters.
 */
const V1_PRECISION: Readonly<Record<string, string>> = { ns: 'n', us: 'u', ms: 'ms', s: 's' };

/**
 * Maps the WriteApi's `/api/v2/write?org=..&bucket=db/rp&precision=..` onto 1.x `/write?db=..&rp=..&precision=..`;
 * any other path is returned unchanged.
 *
 * The bucket follows InfluxDB 1.8's compatibility convention `database/retention-policy`, split at the last `/`
 * (retention policy names never need one; a database name may); an empty or missing policy means the default one.
 * Credentials go in `u` and `p`, which 1.x accepts on every endpoint (InfluxDB 1.x docs, "Authenticate requests").
 */
export function rewriteWritePath(path: string, credentials: InfluxV1Credentials = {}): string {
  if (!path.startsWith(V2_WRITE_PATH)) return path;
  const v2 = new URLSearchParams(path.slice(V2_WRITE_PATH.length));
  const bucket = v2.get('bucket') ?? '';
  const slash = bucket.lastIndexOf('/');
  const db = slash < 0 ? bucket : bucket.slice(0, slash);
  const rp = slash < 0 ? '' : bucket.slice(slash + 1);
  const v1 = new URLSearchParams({ db });
  if (rp !== '') v1.set('rp', rp);
  const precision = v2.get('precision');
  if (precision !== null) v1.set('precision', V1_PRECISION[precision] ?? precision);
  // InfluxDB Enterprise takes the same consistency parameter on both endpoints.
  const consistency = v2.get('consistency');
  if (consistency !== null) v1.set('consistency', consistency);
  if (credentials.username !== undefined) {
    v1.set('u', credentials.username);
    v1.set('p', credentials.password ?? '');
  }
  return `/write?${v1.toString()}`;
}

/**
 * A Transport (ClientOptions.transport) that lets the library's WriteApi write to InfluxDB 1.x servers older than 1.8,
 * which lack `/api/v2/write`, so every server version shares one write path (ARCHITECTURE §3).
 * It rewrites the path and hands everything else, unchanged, to the library's own Node.js HTTP transport.
 */
export class InfluxV1Transport implements Transport {
  readonly chunkCombiner: ChunkCombiner;
  private readonly inner: Transport;
  private readonly credentials: InfluxV1Credentials;

  constructor(inner: Transport, credentials: InfluxV1Credentials = {}) {
    this.inner = inner;
    this.credentials = credentials;
    this.chunkCombiner = inner.chunkCombiner;
  }

  /**
   * Wraps the library's Node.js HTTP transport for `url`. That class (NodeHttpTransport) is not exported by
   * @influxdata/influxdb-client 1.35, but every InfluxDB instance exposes the one it built as `transport`.
   */
  static forUrl(options: InfluxV1TransportOptions): InfluxV1Transport {
    const client = new InfluxDB({ url: options.url, ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }) });
    return new InfluxV1Transport(client.transport, options);
  }

  send(path: string, requestBody: string, options: SendOptions, callbacks?: Partial<CommunicationObserver<Uint8Array>>): void {
    this.inner.send(rewriteWritePath(path, this.credentials), requestBody, options, callbacks);
  }

  request(path: string, requestBody: unknown, options: SendOptions, responseStarted?: ResponseStartedFn): Promise<unknown> {
    return this.inner.request(rewriteWritePath(path, this.credentials), requestBody, options, responseStarted);
  }

  iterate(path: string, requestBody: unknown, options: SendOptions): AsyncIterableIterator<Uint8Array> {
    return this.inner.iterate(rewriteWritePath(path, this.credentials), requestBody, options);
  }
}
