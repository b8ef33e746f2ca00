import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VITALS } from '@rpm/contracts';
import type { AcceptedReading, CanonicalReading, VitalPoint } from '@rpm/contracts';
import { freePort } from '../harness/free-port.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { InfluxVitalsReader, buildVitalsQuery, type InfluxConfig } from '@rpm/server';

const START_TIMEOUT_MS = 60_000;
const T0 = Date.UTC(2026, 0, 15, 8, 0, 0);
const MINUTE = 60_000;
const ALICE = '5b0c6f3e-2a8e-4c1b-9d3e-7f1a2b3c4d5e';
const BOB = '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4';
/** a hostile id: if quoting failed, this would match every patient or break the statement */
const MALLORY = `x' OR "patient_id" =~ /.*/ OR 'a\\' = '`;

let influxd: TestInfluxd | undefined;
let config: InfluxConfig;
let reader: InfluxVitalsReader;
let seq = 0;

function accepted(patientId: string, reading: CanonicalReading, deviceId = 'bp-cuff-7'): AcceptedReading {
  return { deviceId, patientId, seq: ++seq, receivedAt: reading.at + 2_000, reading };
}

const iso = (ms: number): string => new Date(ms).toISOString();

beforeAll(async () => {
  influxd = await startInfluxd();
  config = { url: influxd.url, database: 'rpm', apiVersion: 'v1' };
  // influxd.write goes through the gateway's InfluxReadingStore: this test pins the contract between writer and reader.
  await influxd.write(config.database, [
    accepted(ALICE, { type: 'heart_rate', at: T0, value: 72 }),
    accepted(ALICE, { type: 'spo2', at: T0 + 1 * MINUTE, value: 93, onOxygen: true }),
    accepted(ALICE, { type: 'respiratory_rate', at: T0 + 2 * MINUTE, value: 18 }),
    accepted(ALICE, { type: 'body_temperature', at: T0 + 3 * MINUTE, value: 37.8 }),
    accepted(ALICE, { type: 'blood_pressure', at: T0 + 4 * MINUTE, systolic: 142, diastolic: 91, pulse: 77 }),
    accepted(ALICE, { type: 'body_weight', at: T0 + 5 * MINUTE, value: 82.35 }),
    accepted(ALICE, { type: 'blood_glucose', at: T0 + 6 * MINUTE, value: 7.1 }),
    accepted(ALICE, { type: 'heart_rate', at: T0 + 7 * MINUTE, value: 97 }),
    accepted(ALICE, { type: 'heart_rate', at: T0 + 8 * MINUTE, value: 97.5 }),
    accepted(BOB, { type: 'heart_rate', at: T0, value: 55 }),
    accepted(MALLORY, { type: 'heart_rate', at: T0, value: 101 }),
  ]);
  reader = new InfluxVitalsReader(config);
}, START_TIMEOUT_MS);

afterAll(async () => {
  await influxd?.stop();
});

describe('InfluxVitalsReader on InfluxDB 1.6.7', () => {
  it('reads back every vital type with catalogue units, ISO times and device ids', async () => {
    const points = await reader.query({ patientId: ALICE, from: T0, to: T0 + 8 * MINUTE, limit: 100 });
    const expected: VitalPoint[] = [
      { type: 'heart_rate', at: iso(T0), unit: '/min', value: 72, deviceId: 'bp-cuff-7', receivedAt: iso(T0 + 2_000) },
      {
        type: 'spo2',
        at: iso(T0 + MINUTE),
        unit: '%',
        value: 93,
        onOxygen: true,
        deviceId: 'bp-cuff-7',
        receivedAt: iso(T0 + MINUTE + 2_000),
      },
      {
        type: 'respiratory_rate',
        at: iso(T0 + 2 * MINUTE),
        unit: '/min',
        value: 18,
        deviceId: 'bp-cuff-7',
        receivedAt: iso(T0 + 2 * MINUTE + 2_000),
      },
      {
        type: 'body_temperature',
        at: iso(T0 + 3 * MINUTE),
        unit: 'Cel',
        value: 37.8,
        deviceId: 'bp-cuff-7',
        receivedAt: iso(T0 + 3 * MINUTE + 2_000),
      },
      {
        type: 'blood_pressure',
        at: iso(T0 + 4 * MINUTE),
        unit: 'mm[Hg]',
        systolic: 142,
        diastolic: 91,
        deviceId: 'bp-cuff-7',
        receivedAt: iso(T0 + 4 * MINUTE + 2_000),
      },
      {
        type: 'body_weight',
        at: iso(T0 + 5 * MINUTE),
        unit: 'kg',
        value: 82.35,
        deviceId: 'bp-cuff-7',
        receivedAt: iso(T0 + 5 * MINUTE + 2_000),
      },
      {
        type: 'blood_glucose',
        at: iso(T0 + 6 * MINUTE),
        unit: 'mmol/L',
        value: 7.1,
        deviceId: 'bp-cuff-7',
        receivedAt: iso(T0 + 6 * MINUTE + 2_000),
      },
      {
        type: 'heart_rate',
        at: iso(T0 + 7 * MINUTE),
        unit: '/min',
        value: 97,
        deviceId: 'bp-cuff-7',
        receivedAt: iso(T0 + 7 * MINUTE + 2_000),
      },
      {
        type: 'heart_rate',
        at: iso(T0 + 8 * MINUTE),
        unit: '/min',
        value: 97.5,
        deviceId: 'bp-cuff-7',
        receivedAt: iso(T0 + 8 * MINUTE + 2_000),
      },
    ];
    expect(points).toEqual(expected);
    for (const p of points) expect(p.unit).toBe(VITALS[p.type].unit);
  });

  it('filters by type', async () => {
    const points = await reader.query({ patientId: ALICE, type: 'heart_rate', from: T0, to: T0 + 60 * MINUTE, limit: 100 });
    expect(points.map((p) => p.value)).toEqual([72, 97, 97.5]);
  });

  it('includes both ends of the time window and nothing outside it', async () => {
    const points = await reader.query({ patientId: ALICE, from: T0 + MINUTE, to: T0 + 3 * MINUTE, limit: 100 });
    expect(points.map((p) => p.type)).toEqual(['spo2', 'respiratory_rate', 'body_temperature']);
    expect(await reader.query({ patientId: ALICE, from: T0 + 1, to: T0 + MINUTE - 1, limit: 100 })).toEqual([]);
  });

  it('returns the earliest points up to the limit', async () => {
    const points = await reader.query({ patientId: ALICE, from: T0, to: T0 + 60 * MINUTE, limit: 2 });
    expect(points.map((p) => p.type)).toEqual(['heart_rate', 'spo2']);
  });

  it("returns only the asked patient's points, whatever the id contains", async () => {
    expect((await reader.query({ patientId: BOB, from: T0, to: T0 + 60 * MINUTE, limit: 100 })).map((p) => p.value)).toEqual([55]);
    expect((await reader.query({ patientId: MALLORY, from: T0, to: T0 + 60 * MINUTE, limit: 100 })).map((p) => p.value)).toEqual([101]);
    expect(await reader.query({ patientId: 'nobody', from: T0, to: T0 + 60 * MINUTE, limit: 100 })).toEqual([]);
  });

  it('rejects when InfluxDB refuses the query', async () => {
    const missing = new InfluxVitalsReader({ ...config, database: 'never_created' });
    await expect(missing.query({ patientId: ALICE, from: T0, to: T0 + MINUTE, limit: 10 })).rejects.toThrow(/database not found/);
    await expect(reader.query({ patientId: ALICE, from: T0, to: T0 + MINUTE, limit: 0 })).rejects.toThrow(RangeError);
  });

  it('answers ping, and false for a closed port', async () => {
    expect(await reader.ping()).toBe(true);
    const closed = new InfluxVitalsReader({ ...config, url: `http://127.0.0.1:${await freePort()}` }, { timeoutMs: 2_000 });
    expect(await closed.ping()).toBe(false);
  });
});

describe('buildVitalsQuery', () => {
  const q = { patientId: ALICE, from: T0, to: T0 + MINUTE, limit: 10 };
  const rows: { name: string; input: Parameters<typeof buildVitalsQuery>; expected: string }[] = [
    {
      name: 'all types, default retention policy',
      input: [q, 'rpm'],
      expected: `SELECT * FROM "vitals" WHERE "patient_id" = '${ALICE}' AND time >= ${T0}ms AND time <= ${T0 + MINUTE}ms ORDER BY time ASC LIMIT 10`,
    },
    {
      name: 'one type, named retention policy',
      input: [{ ...q, type: 'spo2' }, 'rpm', 'a"b'],
      expected: `SELECT * FROM "rpm"."a\\"b"."vitals" WHERE "patient_id" = '${ALICE}' AND time >= ${T0}ms AND time <= ${T0 + MINUTE}ms AND "type" = 'spo2' ORDER BY time ASC LIMIT 10`,
    },
    {
      name: 'quotes, backslashes and newlines in the id are escaped',
      input: [{ ...q, patientId: "a'b\\c\nd" }, 'rpm'],
      expected: `SELECT * FROM "vitals" WHERE "patient_id" = 'a\\'b\\\\c\\nd' AND time >= ${T0}ms AND time <= ${T0 + MINUTE}ms ORDER BY time ASC LIMIT 10`,
    },
    {
      name: 'fractional bounds narrow to whole milliseconds inside the window',
      input: [{ ...q, from: T0 + 0.2, to: T0 + 9.8 }, 'rpm'],
      expected: `SELECT * FROM "vitals" WHERE "patient_id" = '${ALICE}' AND time >= ${T0 + 1}ms AND time <= ${T0 + 9}ms ORDER BY time ASC LIMIT 10`,
    },
  ];
  it.each(rows)('$name', ({ input, expected }) => {
    expect(buildVitalsQuery(...input)).toBe(expected);
  });
});
