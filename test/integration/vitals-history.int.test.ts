import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AcceptedReading,
  ApiError,
  CanonicalReading,
  LatestVitalsResponse,
  RosterResponse,
  User,
  VitalsResponse,
  VitalsSeriesResponse,
} from '@rpm/contracts';
import { InfluxVitalsReader } from '@rpm/server';
import type { ApiClient } from '../harness/api-client.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';

const T0 = Date.UTC(2026, 0, 15, 8, 0, 0);
const SECOND = 1_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Issue #5 item 8: vitals history from InfluxDB, raw and downsampled (mean/min/max/count per interval), the newest
 * reading per type, and the roster's last reading from every vital type. Known points are written straight into the
 * platform's InfluxDB through the gateway's write path, so the expected buckets can be worked out by hand.
 */
describe('vitals history', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let nurse: ApiClient;
  /** in the nurse's team: heart rate, blood pressure, weight, glucose */
  let ours: string;
  /** in the nurse's team: only a weight, which NEWS2 does not know */
  let weighed: string;
  /** in another team, with heart rates at the same times as ours */
  let theirs: string;
  let seq = 0;

  const vitals = (patientId: string, query: string): string => `/patients/${patientId}/vitals?${query}`;
  const window = (from: number, to: number): string => `from=${iso(from)}&to=${iso(to)}`;

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    const teamA = await platform.admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'History team' });
    const teamB = await platform.admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Other team' });
    const patient = async (name: string, teamId: string): Promise<string> =>
      (await platform.admin.expect<{ id: string }>(201, 'POST', '/patients', { name, teamId })).id;
    ours = await patient('Charted', teamA.id);
    weighed = await patient('Weighed', teamA.id);
    theirs = await patient('Elsewhere', teamB.id);
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.history',
      password: 'nurse-password-1',
      displayName: 'Nurse History',
      role: 'clinician',
      teamId: teamA.id,
    });
    nurse = await platform.admin.login('nurse.history', 'nurse-password-1');

    const at = (patientId: string, reading: CanonicalReading, deviceId = 'dev-1'): AcceptedReading => ({
      deviceId,
      patientId,
      seq: ++seq,
      receivedAt: reading.at + 2 * SECOND,
      reading,
    });
    await influx.write('rpm', [
      // heart rate: three in the 08:00 minute (the last on its final millisecond), one opening 08:01, none at 08:02
      at(ours, { type: 'heart_rate', at: T0, value: 60 }),
      at(ours, { type: 'heart_rate', at: T0 + 20 * SECOND, value: 70 }),
      at(ours, { type: 'heart_rate', at: T0 + MINUTE - 1, value: 80 }),
      at(ours, { type: 'heart_rate', at: T0 + MINUTE, value: 100 }),
      at(ours, { type: 'heart_rate', at: T0 + 3 * MINUTE + 30 * SECOND, value: 90 }),
      at(ours, { type: 'heart_rate', at: T0 + 5 * MINUTE, value: 50 }, 'dev-2'), // another device, same buckets
      // blood pressure: two devices in the 08:00 minute, one at 08:02
      at(ours, { type: 'blood_pressure', at: T0 + 10 * SECOND, systolic: 120, diastolic: 80, pulse: 70 }),
      at(ours, { type: 'blood_pressure', at: T0 + 40 * SECOND, systolic: 130, diastolic: 90 }, 'dev-2'),
      at(ours, { type: 'blood_pressure', at: T0 + 2 * MINUTE, systolic: 150, diastolic: 95 }),
      at(ours, { type: 'body_weight', at: T0 - DAY, value: 81.2 }),
      at(ours, { type: 'blood_glucose', at: T0 + 60 * MINUTE, value: 6.4 }),
      at(weighed, { type: 'body_weight', at: T0 + 7 * MINUTE, value: 64.5 }, 'scale-1'),
      // another team's patient at the same times: must never leak into ours
      at(theirs, { type: 'heart_rate', at: T0, value: 150 }),
      at(theirs, { type: 'heart_rate', at: T0 + MINUTE, value: 160 }),
    ]);
  });

  afterAll(async () => {
    await platform.stop();
    await influx.stop();
  });

  it('gives mean, min, max and count per minute, with bucket edges at whole minutes and empty minutes left out', async () => {
    const res = await nurse.expect<VitalsSeriesResponse>(
      200,
      'GET',
      vitals(ours, `type=heart_rate&interval=1m&${window(T0, T0 + 5 * MINUTE)}`),
    );
    expect(res).toEqual({
      patientId: ours,
      type: 'heart_rate',
      unit: '/min',
      from: iso(T0),
      to: iso(T0 + 5 * MINUTE),
      interval: '1m',
      buckets: [
        { start: iso(T0), count: 3, value: { mean: 70, min: 60, max: 80 } },
        { start: iso(T0 + MINUTE), count: 1, value: { mean: 100, min: 100, max: 100 } },
        { start: iso(T0 + 3 * MINUTE), count: 1, value: { mean: 90, min: 90, max: 90 } },
        { start: iso(T0 + 5 * MINUTE), count: 1, value: { mean: 50, min: 50, max: 50 } },
      ],
    });
  });

  it('merges minutes into 5-minute buckets', async () => {
    const res = await nurse.expect<VitalsSeriesResponse>(
      200,
      'GET',
      vitals(ours, `type=heart_rate&interval=5m&${window(T0, T0 + 10 * MINUTE)}`),
    );
    expect(res.buckets).toEqual([
      { start: iso(T0), count: 5, value: { mean: 80, min: 60, max: 100 } },
      { start: iso(T0 + 5 * MINUTE), count: 1, value: { mean: 50, min: 50, max: 50 } },
    ]);
  });

  it('counts only readings inside [from, to]: a range starting mid-minute opens a partial bucket at the whole minute', async () => {
    const res = await nurse.expect<VitalsSeriesResponse>(
      200,
      'GET',
      vitals(ours, `type=heart_rate&interval=1m&${window(T0 + 30 * SECOND, T0 + MINUTE)}`),
    );
    expect(res.buckets).toEqual([
      { start: iso(T0), count: 1, value: { mean: 80, min: 80, max: 80 } },
      { start: iso(T0 + MINUTE), count: 1, value: { mean: 100, min: 100, max: 100 } }, // `to` is included
    ]);
  });

  it('summarises systolic and diastolic of blood pressure each', async () => {
    const res = await nurse.expect<VitalsSeriesResponse>(
      200,
      'GET',
      vitals(ours, `type=blood_pressure&interval=1m&${window(T0, T0 + 5 * MINUTE)}`),
    );
    expect(res.unit).toBe('mm[Hg]');
    expect(res.buckets).toEqual([
      { start: iso(T0), count: 2, systolic: { mean: 125, min: 120, max: 130 }, diastolic: { mean: 85, min: 80, max: 90 } },
      { start: iso(T0 + 2 * MINUTE), count: 1, systolic: { mean: 150, min: 150, max: 150 }, diastolic: { mean: 95, min: 95, max: 95 } },
    ]);
  });

  it('picks the finest interval that fits maxPoints', async () => {
    const thirtyDays = window(T0 - 29 * DAY, T0 + DAY);
    const hourly = await nurse.expect<VitalsSeriesResponse>(200, 'GET', vitals(ours, `type=heart_rate&maxPoints=1000&${thirtyDays}`));
    expect(hourly.interval).toBe('1h'); // 15m would give 2,881 buckets
    expect(hourly.buckets).toEqual([{ start: iso(T0), count: 6, value: { mean: 75, min: 50, max: 100 } }]);
    const daily = await nurse.expect<VitalsSeriesResponse>(200, 'GET', vitals(ours, `type=heart_rate&maxPoints=31&${thirtyDays}`));
    expect(daily.interval).toBe('1d');
    const refused = await nurse.expect<ApiError>(400, 'GET', vitals(ours, `type=heart_rate&maxPoints=30&${thirtyDays}`));
    expect(refused.message).toMatch(/no interval gives at most 30 buckets.*1d gives 31/);
  });

  it('answers 30 days at one minute, and refuses a range over the bucket cap with a 400 that says what to do', async () => {
    const month = await nurse.expect<VitalsSeriesResponse>(
      200,
      'GET',
      vitals(ours, `type=heart_rate&interval=1m&${window(T0 - 30 * DAY, T0)}`),
    );
    expect(month.buckets.map((b) => b.count)).toEqual([1]);
    const refused = await nurse.expect<ApiError>(400, 'GET', vitals(ours, `type=heart_rate&interval=1m&${window(T0 - 35 * DAY, T0)}`));
    expect(refused.code).toBe('API_VALIDATION_FAILED');
    expect(refused.message).toContain('1m buckets over this range would be 50401, more than the 50000 allowed per request');
    expect(refused.message).toContain('coarser `interval`');
  });

  it.each([
    { name: 'interval without a type', query: 'interval=1h', message: /one vital `type`/ },
    { name: 'interval and maxPoints together', query: 'type=spo2&interval=1h&maxPoints=100', message: /either `interval` or `maxPoints`/ },
    { name: 'an interval not offered', query: 'type=spo2&interval=2m', message: /interval/ },
    { name: 'maxPoints above the cap', query: 'type=spo2&maxPoints=50001', message: /maxPoints/ },
  ])('refuses $name with a 400', async ({ query, message }) => {
    const res = await nurse.expect<ApiError>(400, 'GET', vitals(ours, query));
    expect(res.code).toBe('API_VALIDATION_FAILED');
    expect(res.message).toMatch(message);
  });

  it('still answers raw readings when no interval is asked (the dashboard trend chart)', async () => {
    const res = await nurse.expect<VitalsResponse>(200, 'GET', vitals(ours, `type=heart_rate&${window(T0, T0 + MINUTE)}`));
    expect(res.readings.map((r) => [r.at, r.value])).toEqual([
      [iso(T0), 60],
      [iso(T0 + 20 * SECOND), 70],
      [iso(T0 + MINUTE - 1), 80],
      [iso(T0 + MINUTE), 100],
    ]);
  });

  it('keeps another team’s patient out: 404 for the history and the latest readings, none of their points in ours', async () => {
    await nurse.expect<ApiError>(404, 'GET', vitals(theirs, `type=heart_rate&interval=1m&${window(T0, T0 + MINUTE)}`));
    await nurse.expect<ApiError>(404, 'GET', `/patients/${theirs}/vitals/latest`);
    const admin = await platform.admin.expect<VitalsSeriesResponse>(
      200,
      'GET',
      vitals(theirs, `type=heart_rate&interval=1h&${window(T0, T0 + MINUTE)}`),
    );
    expect(admin.buckets).toEqual([{ start: iso(T0), count: 2, value: { mean: 155, min: 150, max: 160 } }]);
  });

  it('gives the newest reading of each type, every device merged', async () => {
    const res = await nurse.expect<LatestVitalsResponse>(200, 'GET', `/patients/${ours}/vitals/latest`);
    expect(res.readings.map((r) => ({ type: r.type, at: r.at, deviceId: r.deviceId, value: r.value, systolic: r.systolic }))).toEqual([
      { type: 'heart_rate', at: iso(T0 + 5 * MINUTE), deviceId: 'dev-2', value: 50, systolic: undefined },
      { type: 'blood_pressure', at: iso(T0 + 2 * MINUTE), deviceId: 'dev-1', value: undefined, systolic: 150 },
      { type: 'body_weight', at: iso(T0 - DAY), deviceId: 'dev-1', value: 81.2, systolic: undefined },
      { type: 'blood_glucose', at: iso(T0 + 60 * MINUTE), deviceId: 'dev-1', value: 6.4, systolic: undefined },
    ]);
  });

  it('shows on the roster the last reading of any vital type, weight and glucose included', async () => {
    const roster = await nurse.expect<RosterResponse>(200, 'GET', '/roster');
    const last = Object.fromEntries(roster.patients.map((p) => [p.id, p.lastReadingAt]));
    expect(last).toEqual({ [ours]: iso(T0 + 60 * MINUTE), [weighed]: iso(T0 + 7 * MINUTE) });
    const silent = roster.patients.find((p) => p.id === weighed)?.devices.silentSinceMs;
    expect(silent).toBeNull(); // no active device: unchanged contract
  });

  it('gives the same buckets whether InfluxDB or this process does the bucketing', async () => {
    const inInflux = new InfluxVitalsReader({ url: influx.url, database: 'rpm', apiVersion: 'v1' }, { inProcessMinBuckets: Infinity });
    const inProcess = new InfluxVitalsReader({ url: influx.url, database: 'rpm', apiVersion: 'v1' }, { inProcessMinBuckets: 0 });
    const cases = [
      { type: 'heart_rate', interval: '1m', from: T0, to: T0 + 5 * MINUTE },
      { type: 'heart_rate', interval: '5m', from: T0 + 30 * SECOND, to: T0 + DAY },
      { type: 'heart_rate', interval: '1m', from: T0 - 30 * DAY, to: T0 + DAY },
      { type: 'blood_pressure', interval: '1m', from: T0, to: T0 + 5 * MINUTE },
      { type: 'body_weight', interval: '1h', from: T0 - 2 * DAY, to: T0 },
      { type: 'spo2', interval: '1d', from: T0 - 2 * DAY, to: T0 },
    ] as const;
    for (const c of cases) {
      const q = { patientId: ours, ...c };
      const expected = await inInflux.downsample(q);
      expect(await inProcess.downsample(q), `${c.type} ${c.interval}`).toEqual(expected);
    }
  });

  it('reads the latest readings of a large roster in one statement, whatever the ids contain', async () => {
    const reader = new InfluxVitalsReader({ url: influx.url, database: 'rpm', apiVersion: 'v1' });
    const hostile = `x' OR "patient_id" =~ /.*/ OR 'a\\' = '(.|)*\\d/e`; // InfluxDB tags cannot hold a newline
    await influx.write('rpm', [
      { deviceId: 'dev-h', patientId: hostile, seq: ++seq, receivedAt: T0, reading: { type: 'spo2', at: T0, value: 97 } },
    ]);
    const strangers = Array.from({ length: 3_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const started = performance.now();
    const latest = await reader.latestByPatient([...strangers, ours, weighed]);
    const tookMs = performance.now() - started;
    expect([...latest.keys()].sort()).toEqual([ours, weighed].sort());
    expect(latest.get(weighed)?.map((p) => p.value)).toEqual([64.5]);
    // regression: 3,000 ids joined by OR took ~3 s to plan on InfluxDB 1.6; the regex takes ~0.1 s
    expect(tookMs).toBeLessThan(1_500);
    expect([...(await reader.latestByPatient([hostile])).keys()]).toEqual([hostile]);
    expect([...(await reader.latestByPatient(['x', '.*', 'x.*'])).keys()]).toEqual([]);
    expect(await reader.latestByPatient([])).toEqual(new Map());
  });
});
