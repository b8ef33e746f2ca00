import { describe, expect, it } from 'vitest';
import type { CommunicationObserver, SendOptions, Transport } from '@influxdata/influxdb-client';
import { InfluxV1Transport, rewriteWritePath, type InfluxV1Credentials } from './influx-v1-transport.ts';

const rows: { name: string; path: string; credentials?: InfluxV1Credentials; expected: string }[] = [
  { name: 'database only', path: '/api/v2/write?org=&bucket=rpm&precision=ms', expected: '/write?db=rpm&precision=ms' },
  { name: 'empty retention policy', path: '/api/v2/write?org=&bucket=rpm%2F&precision=ms', expected: '/write?db=rpm&precision=ms' },
  {
    name: 'database and retention policy',
    path: '/api/v2/write?org=&bucket=rpm%2Fweek&precision=ms',
    expected: '/write?db=rpm&rp=week&precision=ms',
  },
  {
    name: 'slash in the database name',
    path: '/api/v2/write?org=&bucket=a%2Fb%2Fweek&precision=s',
    expected: '/write?db=a%2Fb&rp=week&precision=s',
  },
  { name: 'org is dropped', path: '/api/v2/write?org=acme&bucket=rpm&precision=ms', expected: '/write?db=rpm&precision=ms' },
  { name: 'precision ns → n', path: '/api/v2/write?org=&bucket=rpm&precision=ns', expected: '/write?db=rpm&precision=n' },
  { name: 'precision us → u', path: '/api/v2/write?org=&bucket=rpm&precision=us', expected: '/write?db=rpm&precision=u' },
  { name: 'precision s → s', path: '/api/v2/write?org=&bucket=rpm&precision=s', expected: '/write?db=rpm&precision=s' },
  {
    name: 'Enterprise consistency is kept',
    path: '/api/v2/write?org=&bucket=rpm&precision=ms&consistency=quorum',
    expected: '/write?db=rpm&precision=ms&consistency=quorum',
  },
  {
    name: 'credentials as u and p, encoded',
    path: '/api/v2/write?org=&bucket=rpm&precision=ms',
    credentials: { username: 'gw', password: 'p&ss=w rd' },
    expected: '/write?db=rpm&precision=ms&u=gw&p=p%26ss%3Dw+rd',
  },
  {
    name: 'user without password',
    path: '/api/v2/write?org=&bucket=rpm&precision=ms',
    credentials: { username: 'gw' },
    expected: '/write?db=rpm&precision=ms&u=gw&p=',
  },
  {
    name: 'encoded database name',
    path: '/api/v2/write?org=&bucket=my%20db%26x&precision=ms',
    expected: '/write?db=my+db%26x&precision=ms',
  },
  { name: 'other paths untouched', path: '/ping', expected: '/ping' },
  { name: 'query untouched', path: '/query?db=rpm&q=SHOW+DATABASES', expected: '/query?db=rpm&q=SHOW+DATABASES' },
  { name: 'v2 query API untouched', path: '/api/v2/query?org=acme', expected: '/api/v2/query?org=acme' },
];

describe('rewriteWritePath', () => {
  it.each(rows)('$name', ({ path, credentials, expected }) => {
    expect(rewriteWritePath(path, credentials)).toBe(expected);
  });
});

describe('InfluxV1Transport', () => {
  it('hands the rewritten path and everything else unchanged to the wrapped transport', () => {
    const calls: unknown[][] = [];
    const inner: Transport = {
      chunkCombiner: { concat: (a) => a, toUtf8String: () => '', copy: (c) => c },
      send: (...args) => void calls.push(['send', ...args]),
      request: (...args) => Promise.resolve(calls.push(['request', ...args])),
      iterate: () => {
        throw new Error('not used');
      },
    };
    const transport = new InfluxV1Transport(inner, { username: 'gw', password: 'pw' });
    const options: SendOptions = { method: 'POST', headers: { 'content-type': 'text/plain' } };
    const callbacks: Partial<CommunicationObserver<Uint8Array>> = {};
    transport.send('/api/v2/write?org=&bucket=rpm%2F&precision=ms', 'vitals value=1 1', options, callbacks);
    expect(calls).toEqual([['send', '/write?db=rpm&precision=ms&u=gw&p=pw', 'vitals value=1 1', options, callbacks]]);
    expect(transport.chunkCombiner).toBe(inner.chunkCombiner);
  });
});
