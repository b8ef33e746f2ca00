// Screenshots of the dashboard's main views for README.md (issue #6): `npm run screenshots`.
//
// Starts InfluxDB and the whole platform in this process with a small simulated demo fleet, enrols two patients
// whose devices send abnormal readings (so the queue is not empty) and one malformed message (so the ops view has a
// refusal), gives one of them a few health-passport entries, then signs in as the demo nurse and as the admin and
// writes PNGs of the alert queue, the roster, a patient's page (with the SpO₂ trend's limits and alerts) and the ops
// view, in English and Kazakh, to docs/screenshots/.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { deviceTopics, type CreateDeviceResponse, type ProgrammeId, type RosterResponse } from '@rpm/contracts';
import { launchChromium } from '../harness/browser.ts';
import { eventually } from '../harness/eventually.ts';
import { startInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, TEST_ADMIN_PASSWORD } from '../harness/platform.ts';
import type { ApiClient } from '../harness/api-client.ts';

const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../../docs/screenshots', import.meta.url));
const NURSE_PASSWORD = 'demo-nurse-password';
/** a laptop at the nurses' station; the views are also laid out for tablets */
const VIEWPORT = { width: 1280, height: 900 };
const LANGUAGES = ['en', 'kk'] as const;
type Language = (typeof LANGUAGES)[number];
const LANGUAGE_LABEL = /^(Language|Тіл|Язык)$/;

const log = (message: string): void => {
  process.stdout.write(`${message}\n`);
};

/** `minutesAgo` minutes before now, as the device protocol wants it. */
const ago = (minutesAgo: number): string => new Date(Date.now() - minutesAgo * 60_000).toISOString();

/** A patient of the nurse's team with one device; the device publishes `readings` once. */
async function enrolAndPublish(
  nurse: ApiClient,
  mqttPort: number,
  name: string,
  programs: ProgrammeId[],
  readings: object[],
): Promise<{ patientId: string; device: CreateDeviceResponse }> {
  const patient = await nurse.expect<{ id: string }>(201, 'POST', '/patients', { name, programs });
  const device = await nurse.expect<CreateDeviceResponse>(201, 'POST', `/patients/${patient.id}/devices`, { model: 'demo' });
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
    clientId: device.deviceId,
    username: device.deviceId,
    password: device.secret,
    reconnectPeriod: 0,
  });
  await client.publishAsync(deviceTopics.readings(device.deviceId), JSON.stringify({ seq: 1, readings }), { qos: 1 });
  await client.endAsync();
  return { patientId: patient.id, device };
}

async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.locator('.app-header').waitFor();
}

async function setLanguage(page: Page, language: Language): Promise<void> {
  await page.getByLabel(LANGUAGE_LABEL).selectOption(language);
  // polled from here: waitForFunction compiles its predicate in the page, which the dashboard's CSP forbids
  const html = page.locator('html');
  for (let i = 0; i < 50 && (await html.getAttribute('lang')) !== language; i++) await page.waitForTimeout(100);
}

async function shoot(page: Page, name: string): Promise<void> {
  // Let the last answers arrive and the chart redraw after its ResizeObserver.
  await page.waitForTimeout(600);
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  const path = `${OUT_DIR}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  log(`wrote ${path}`);
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  log('starting InfluxDB and the platform with a demo fleet of 6 devices…');
  const influx = await startInfluxd();
  const platform = await startTestPlatform(influx.url, {
    RPM_DASHBOARD_DIR: DASHBOARD_DIR,
    RPM_SIM_DEVICES: '6',
    RPM_SIM_INTERVAL_MS: '3000',
    RPM_DEMO_PASSWORD: NURSE_PASSWORD,
  });
  const browser = await launchChromium();
  try {
    const nurse = await platform.admin.login('nurse', NURSE_PASSWORD);
    const gulnar = await enrolAndPublish(
      nurse,
      platform.mqttPort,
      'Гүлнар Әбілқызы',
      ['kidney_transplant'],
      [
        { type: 'respiratory_rate', at: ago(3), unit: '/min', value: 22 },
        { type: 'heart_rate', at: ago(3), unit: '/min', value: 104 },
        { type: 'blood_pressure', at: ago(3), unit: 'mm[Hg]', systolic: 104, diastolic: 66 },
        { type: 'body_temperature', at: ago(2), unit: 'Cel', value: 38.4 },
        { type: 'spo2', at: ago(2), unit: '%', value: 89 },
        { type: 'spo2', at: ago(1), unit: '%', value: 88 },
      ],
    );
    const nurlan = await enrolAndPublish(
      nurse,
      platform.mqttPort,
      'Нұрлан Сейітов',
      ['hypertension'],
      [
        { type: 'blood_pressure', at: ago(4), unit: 'mm[Hg]', systolic: 186, diastolic: 118 },
        { type: 'blood_pressure', at: ago(1), unit: 'mm[Hg]', systolic: 188, diastolic: 121 },
      ],
    );
    // A health passport with a few entries, so the patient page shows the care team's passport and its history.
    const passport = `/patients/${gulnar.patientId}/passport/entries`;
    await nurse.expect(201, 'POST', passport, {
      section: 'registration',
      data: { clinic: 'Алматы қалалық №5 емханасы', districtDoctor: 'Әсел Нұрланқызы', since: '2019-09-01' },
    });
    await nurse.expect(201, 'POST', passport, {
      section: 'diagnosis',
      data: { icd10: 'Z94.0', description: 'Бүйрек трансплантациясы', diagnosedOn: '2025-03-14' },
    });
    await nurse.expect(201, 'POST', passport, {
      section: 'prescription',
      data: { medicine: 'Tacrolimus', dosage: '2 mg × 2', issuedOn: '2026-11-02', pharmacy: 'Дәріхана №12', dispensedOn: '2026-11-03' },
    });

    // A malformed message, so the ops view shows a refusal.
    const faulty = await mqtt.connectAsync(`mqtt://127.0.0.1:${platform.mqttPort}`, {
      clientId: nurlan.device.deviceId,
      username: nurlan.device.deviceId,
      password: nurlan.device.secret,
      reconnectPeriod: 0,
    });
    await faulty.publishAsync(deviceTopics.readings(nurlan.device.deviceId), '{"seq": 2, "readings": [', { qos: 1 });
    await faulty.endAsync();

    log('waiting for the demo fleet’s readings and the alerts…');
    await eventually(async () => {
      const roster = await nurse.expect<RosterResponse>(200, 'GET', '/roster');
      const read = roster.patients.filter((p) => p.lastReadingAt !== null).length;
      const withAlerts = roster.patients.filter((p) => p.highestOpenPriority !== null).length;
      if (read < roster.patients.length || withAlerts < 2) throw new Error(`${read} patients read, ${withAlerts} with alerts`);
      return true;
    }, 60_000);

    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB', timezoneId: 'Asia/Almaty' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, platform.httpUrl, 'nurse', NURSE_PASSWORD);
    for (const language of LANGUAGES) {
      await setLanguage(page, language);
      await page.goto(`${platform.httpUrl}/#/`);
      await page.locator('.alert').first().waitFor();
      await shoot(page, `alert-queue-${language}`);
      await page.goto(`${platform.httpUrl}/#/patients`);
      await page.locator('.roster-row').first().waitFor();
      await shoot(page, `roster-${language}`);
      await page.goto(`${platform.httpUrl}/#/patients/${gulnar.patientId}`);
      await page.locator('.news2__score').waitFor();
      await page.locator('.uplot').waitFor();
      await shoot(page, `patient-${language}`);
    }
    await setLanguage(page, 'en');
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, platform.httpUrl, 'admin', TEST_ADMIN_PASSWORD);
    for (const language of LANGUAGES) {
      await setLanguage(page, language);
      await page.goto(`${platform.httpUrl}/#/ops`);
      await page.locator('.ops-stat').first().waitFor();
      await shoot(page, `ops-${language}`);
    }
    await context.close();
  } finally {
    await browser.close();
    await platform.stop();
    await influx.stop();
  }
}

await main();
