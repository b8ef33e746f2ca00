import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Alert, type CreateDeviceResponse, type ProgrammeId, type ServerToClientEvents, type Spo2Target } from '@rpm/contracts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { nextAlert } from '../harness/next-alert.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { backdateRegistration, publishReadings } from '../harness/publish-readings.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ALMATY = 5 * HOUR;

/** 07:00 Almaty on the most recent morning that is at least a minute in the past, epoch ms. */
function lastMorning(now = Date.now()): number {
  const today = Math.floor((now + ALMATY) / DAY) * DAY + 7 * HOUR - ALMATY;
  return today <= now - MIN ? today : today - DAY;
}

const at = (ms: number): string => new Date(ms).toISOString();
const scalar = (type: string, unit: string, value: number, agoMs: number) => ({ type, unit, value, at: at(Date.now() - agoMs) });
const bp = (systolic: number, diastolic: number, agoMs: number) => ({
  type: 'blood_pressure',
  unit: 'mm[Hg]',
  systolic,
  diastolic,
  at: at(Date.now() - agoMs),
});
const weight = (kg: number, daysBefore: number) => ({
  type: 'body_weight',
  unit: 'kg',
  value: kg,
  at: at(lastMorning() - daysBefore * DAY),
});

interface Case {
  readonly programme: ProgrammeId;
  readonly spo2Target?: Spo2Target;
  /** what happens to the patient: the readings one upload carries */
  readonly episode: string;
  readonly readings: readonly object[];
  readonly ruleId: string;
  readonly priority: Alert['priority'];
}

/**
 * Every programme's signature episode, through the real gateway: enrol a patient in the programme, upload the
 * readings a home device would, and the programme's rule raises its alert with its priority (docs/clinical-rules.md).
 */
const CASES: readonly Case[] = [
  {
    programme: 'kidney_transplant',
    episode: 'temperature 38.0 °C (OHSU: ≥37.8 °C → call)',
    readings: [scalar('body_temperature', 'Cel', 38.0, 0)],
    ruleId: 'fever',
    priority: 'medium',
  },
  {
    programme: 'liver_transplant',
    episode: 'weight up 1 kg a day for two days (Vidant Health)',
    readings: [weight(68.0, 2), weight(69.0, 1), weight(70.0, 0)],
    ruleId: 'weight_gain_2d',
    priority: 'medium',
  },
  {
    programme: 'heart_transplant',
    episode: 'weight up 1.2 kg overnight (Allina: >0.9 kg)',
    readings: [weight(75.0, 1), weight(76.2, 0)],
    ruleId: 'weight_gain_1d',
    priority: 'medium',
  },
  {
    programme: 'heart_failure',
    episode: 'weight up 2.5 kg in three days (ESC HFA: >2 kg)',
    readings: [weight(80.0, 3), weight(80.9, 2), weight(81.7, 1), weight(82.5, 0)],
    ruleId: 'weight_gain_3d',
    priority: 'medium',
  },
  {
    programme: 'hypertension',
    episode: 'BP 186/124 and again 184/122 five minutes later (AHA crisis >180/>120)',
    readings: [bp(186, 124, 5 * MIN), bp(184, 122, 0)],
    ruleId: 'bp_crisis',
    priority: 'high',
  },
  {
    programme: 'copd',
    spo2Target: '88-92',
    episode: 'SpO2 86 % twice on a prescribed 88–92 % target (BTS 2017)',
    readings: [scalar('spo2', '%', 86, MIN), scalar('spo2', '%', 86, 0)],
    ruleId: 'spo2_below_target',
    priority: 'medium',
  },
  {
    programme: 'diabetes',
    episode: 'glucose 2.7 mmol/L (ADA level 2 hypoglycaemia <3.0)',
    readings: [scalar('blood_glucose', 'mmol/L', 2.7, 0)],
    ruleId: 'glucose_low_l2',
    priority: 'high',
  },
  {
    programme: 'news2_general',
    episode: 'RR 25, SpO2 93 %, BP 98/60, pulse 118, 39.3 °C together (NEWS2 3+2+2+2+2 = 11)',
    readings: [
      scalar('respiratory_rate', '/min', 25, 0),
      scalar('spo2', '%', 93, 0),
      bp(98, 60, 0),
      scalar('heart_rate', '/min', 118, 0),
      scalar('body_temperature', 'Cel', 39.3, 0),
    ],
    ruleId: 'news2_high',
    priority: 'high',
  },
];

describe('every programme’s signature episode through the gateway', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let teamId: string;
  let socket: Socket<ServerToClientEvents>;

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    ({ id: teamId } = await platform.admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Programmes team' }));
    socket = io(platform.httpUrl, { auth: { token: platform.admin.token }, transports: ['websocket'] });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  });

  afterAll(async () => {
    socket.disconnect();
    await platform.stop();
    await influx.stop();
  });

  it(
    'missing data: a daily weight last seen 40 h ago raises missing_body_weight on the next rules tick, apart from device status',
    { timeout: 60_000 },
    async () => {
      const { id: patientId } = await platform.admin.expect<{ id: string }>(201, 'POST', '/patients', {
        name: 'Silent scale',
        teamId,
        programs: ['heart_failure'],
      });
      const device = await platform.admin.expect<CreateDeviceResponse>(201, 'POST', `/patients/${patientId}/devices`, {});
      await backdateRegistration(platform, device.deviceId, 7 * DAY);
      const raised = nextAlert(socket, 'alert:raised', (a) => a.patientId === patientId && a.ruleId === 'missing_body_weight');
      // the scale's last upload: yesterday's weight from 40 h ago
      await publishReadings(platform.mqttPort, device, 1, [scalar('body_weight', 'kg', 80, 40 * HOUR)]);
      // heart failure expects a daily weight (ESC HFA); missing after 1.5 × 24 h; checked every 15 s
      const alert = await raised;
      expect(alert).toMatchObject({ priority: 'low', readingType: 'body_weight' });
    },
  );

  it.each(CASES)('$programme: $episode → $ruleId ($priority)', async (c) => {
    const { id: patientId } = await platform.admin.expect<{ id: string }>(201, 'POST', '/patients', {
      name: `Patient in ${c.programme}`,
      teamId,
      programs: [c.programme],
      ...(c.spo2Target === undefined ? {} : { spo2Target: c.spo2Target }),
    });
    const device = await platform.admin.expect<CreateDeviceResponse>(201, 'POST', `/patients/${patientId}/devices`, {});
    // the device has been at home for a week: its morning weights from the last days are accepted
    await backdateRegistration(platform, device.deviceId, 7 * DAY);

    const raised = nextAlert(socket, 'alert:raised', (a) => a.patientId === patientId && a.ruleId === c.ruleId);
    await publishReadings(platform.mqttPort, device, 1, c.readings);
    expect(await raised).toMatchObject({ patientId, ruleId: c.ruleId, priority: c.priority, status: 'open' });
  });
});
