import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '@influxdata/influxdb-client';
import type { AcceptedReading, CanonicalReading } from '@rpm/contracts';
import { freePort } from '../../../test/harness/free-port.ts';
import { startInfluxd, type TestInfluxd } from '../../../test/harness/influxd.ts';
import type { InfluxConfig } from '@rpm/contracts';
import { InfluxReadingStore } from './influx-reading-store.ts';

const START_TIMEOUT_MS = 60_000;
const T0 = Date.UTC(2026, 0, 15, 8, 0, 0);

let influxd: TestInfluxd | undefined;
let url = '';
let seq = 0;

function accepted(patientId: string, reading: CanonicalReading, deviceId = 'dev-1'): AcceptedReading {
  return { deviceId, patientId, seq: ++seq, receivedAt: reading.at + 1_500, reading };
}

function config(database: string): InfluxConfig {
  return { url, database, apiVersion: 'v1' };
}

/** InfluxQL straight to /query, to check what the store wrote without going through our reader. */
async function influxql(database: string, q: string): Promise<{ columns: string[]; values: unknown[][] }[]> {
  const response = await fetch(`${url}/query?${new URLSearchParams({ db: database, q, epoch: 'ms' }).toString()}`);
  const body = (await response.json()) as { results: { error?: string; series?: { columns: string[]; values: unknown[][] }[] }[] };
  const result = body.results[0];
  if (result?.error !== undefined) throw new Error(result.error);
  return result?.series ?? [];
}

/** SHOW FIELD KEYS as { field: type } */
async function fieldTypes(database: string): Promise<Record<string, unknown>> {
  const series = await influxql(database, 'SHOW FIELD KEYS FROM "vitals"');
  return Object.fromEntries(series.flatMap((s) => s.values.map((v): [string, unknown] => [String(v[0]), v[1]])));
}

async function rows(database: string, q: string): Promise<Record<string, unknown>[]> {
  return (await influxql(database, q)).flatMap((s) => s.values.map((v) => Object.fromEntries(s.columns.map((c, i) => [c, v[i]]))));
}

beforeAll(async () => {
  influxd = await startInfluxd();
  url = influxd.url;
}, START_TIMEOUT_MS);

afterAll(async () => {
  await influxd?.stop();
});

describe('InfluxReadingStore on InfluxDB 1.6.7', () => {
  it('creates its database, and creating it again is harmless', async () => {
    const store = new InfluxReadingStore(config('created'));
    await store.ensureDatabase();
    await store.ensureDatabase();
    const databases = (await influxql('created', 'SHOW DATABASES')).flatMap((s) => s.values.map((v) => v[0]));
    expect(databases).toContain('created');
  });

  it('writes every vital type with the data model the reader expects', async () => {
    const store = new InfluxReadingStore(config('model'));
    await store.ensureDatabase();
    const p = 'patient-model';
    await store.write([
      accepted(p, { type: 'heart_rate', at: T0, value: 72 }),
      accepted(p, { type: 'spo2', at: T0 + 1, value: 94, onOxygen: true }),
      accepted(p, { type: 'spo2', at: T0 + 2, value: 97 }),
      accepted(p, { type: 'respiratory_rate', at: T0 + 3, value: 16 }),
      accepted(p, { type: 'body_temperature', at: T0 + 4, value: 37.25 }),
      accepted(p, { type: 'blood_pressure', at: T0 + 5, systolic: 128, diastolic: 82, pulse: 70 }),
      accepted(p, { type: 'blood_pressure', at: T0 + 6, systolic: 131, diastolic: 85 }),
      accepted(p, { type: 'body_weight', at: T0 + 7, value: 81.4 }),
      accepted(p, { type: 'blood_glucose', at: T0 + 8, value: 6.2 }),
    ]);

    expect(await fieldTypes('model')).toEqual({
      value: 'float',
      systolic: 'float',
      diastolic: 'float',
      pulse: 'float',
      on_oxygen: 'boolean',
      seq: 'integer',
      received_at: 'integer',
    });
    const tagKeys = (await influxql('model', 'SHOW TAG KEYS FROM "vitals"')).flatMap((s) => s.values.map((v) => v[0]));
    expect(tagKeys.sort()).toEqual(['device_id', 'patient_id', 'type']);

    const stored = await rows('model', `SELECT * FROM "vitals" WHERE "patient_id" = '${p}' ORDER BY time ASC`);
    expect(
      stored.map((r) => [
        r['time'],
        r['type'],
        r['value'] ?? null,
        r['systolic'] ?? null,
        r['diastolic'] ?? null,
        r['pulse'] ?? null,
        r['on_oxygen'] ?? null,
      ]),
    ).toEqual([
      [T0, 'heart_rate', 72, null, null, null, null],
      [T0 + 1, 'spo2', 94, null, null, null, true],
      [T0 + 2, 'spo2', 97, null, null, null, null],
      [T0 + 3, 'respiratory_rate', 16, null, null, null, null],
      [T0 + 4, 'body_temperature', 37.25, null, null, null, null],
      [T0 + 5, 'blood_pressure', null, 128, 82, 70, null],
      [T0 + 6, 'blood_pressure', null, 131, 85, null, null],
      [T0 + 7, 'body_weight', 81.4, null, null, null, null],
      [T0 + 8, 'blood_glucose', 6.2, null, null, null, null],
    ]);
    expect(stored[0]).toMatchObject({ device_id: 'dev-1', patient_id: p, received_at: T0 + 1_500 });
    expect(stored.every((r) => typeof r['seq'] === 'number')).toBe(true);
  });

  it('stores a replayed reading once (same series and measurement time overwrite)', async () => {
    const store = new InfluxReadingStore(config('replay'));
    await store.ensureDatabase();
    const reading = accepted('patient-replay', { type: 'heart_rate', at: T0, value: 64 });
    await store.write([reading]);
    await store.write([reading, reading]);
    await store.write([{ ...reading, seq: reading.seq + 100, receivedAt: reading.receivedAt + 60_000 }]); // a resend
    const stored = await rows('replay', `SELECT * FROM "vitals"`);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ time: T0, value: 64 });
  });

  it('writes an integer-looking value as a float, so a later 97.5 is accepted', async () => {
    // A fresh database: the first value a field ever gets decides its type (per shard).
    const store = new InfluxReadingStore(config('floats'));
    await store.ensureDatabase();
    await store.write([accepted('patient-float', { type: 'spo2', at: T0, value: 97 })]);
    await store.write([accepted('patient-float', { type: 'spo2', at: T0 + 60_000, value: 97.5 })]);
    const stored = await rows('floats', `SELECT "value" FROM "vitals" ORDER BY time ASC`);
    expect(stored.map((r) => r['value'])).toEqual([97, 97.5]);
    expect((await fieldTypes('floats'))['value']).toBe('float');
  });

  it('settles concurrent writes independently', async () => {
    const store = new InfluxReadingStore(config('concurrent'));
    await store.ensureDatabase();
    const batches = Array.from({ length: 4 }, (_, b) =>
      Array.from({ length: 500 }, (_, i) => accepted(`patient-${b}`, { type: 'heart_rate', at: T0 + i * 1_000, value: 60 + (i % 40) })),
    );
    await Promise.all(batches.map((batch) => store.write(batch)));
    const counts = await rows('concurrent', `SELECT count("value") FROM "vitals" GROUP BY "patient_id"`);
    expect(counts.map((c) => c['count'])).toEqual([500, 500, 500, 500]);
  });

  it('rejects with the HTTP status when InfluxDB refuses the write', async () => {
    const missing = new InfluxReadingStore(config('never_created'));
    const notFound = await missing.write([accepted('p', { type: 'heart_rate', at: T0, value: 60 })]).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(HttpError);
    expect((notFound as HttpError).statusCode).toBe(404);

    // An integer field written by someone else: our float is a field-type conflict, a 400 no retry will cure.
    const store = new InfluxReadingStore(config('conflict'));
    await store.ensureDatabase();
    const response = await fetch(`${url}/write?db=conflict&precision=ms`, {
      method: 'POST',
      body: `vitals,patient_id=p,device_id=d,type=heart_rate value=60i ${T0}`,
    });
    expect(response.status).toBe(204);
    const conflict = await store.write([accepted('p', { type: 'heart_rate', at: T0 + 1, value: 61 })]).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(HttpError);
    expect((conflict as HttpError).statusCode).toBe(400);
    expect((conflict as HttpError).message).toContain('field type conflict');
  });

  it('answers ping, and reports an unreachable server as false / a rejected write', async () => {
    expect(await new InfluxReadingStore(config('model')).ping()).toBe(true);
    const closed = new InfluxReadingStore(
      { url: `http://127.0.0.1:${await freePort()}`, database: 'rpm', apiVersion: 'v1' },
      { timeoutMs: 2_000 },
    );
    expect(await closed.ping()).toBe(false);
    await expect(closed.write([accepted('p', { type: 'heart_rate', at: T0, value: 60 })])).rejects.toThrow();
  });

  it('refuses writes after close', async () => {
    const store = new InfluxReadingStore(config('model'));
    await store.close();
    await expect(store.write([accepted('p', { type: 'heart_rate', at: T0, value: 60 })])).rejects.toThrow(/after close/);
  });
});
