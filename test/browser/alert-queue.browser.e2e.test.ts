import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { deviceTopics, type User } from '@rpm/contracts';
import { launchChromium } from '../harness/browser.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { provisionDevice, type ProvisionedDevice } from '../harness/provision.ts';

const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

/**
 * The care team's view, in a real Chromium: log in, an alert from a reading published by a real MQTT client appears
 * on the queue within 2 s, acknowledge it, switch language.
 */
describe('dashboard alert queue in Chromium', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  let d: ProvisionedDevice;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url, { RPM_DASHBOARD_DIR: DASHBOARD_DIR });
    d = await provisionDevice(platform.admin, 'Гүлнар Әбілқызы', ['kidney_transplant']);
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.b',
      password: 'nurse-password-b',
      displayName: 'Nurse Bakhyt',
      role: 'clinician',
      teamId: d.teamId,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
  });

  afterAll(async () => {
    await browser.close();
    await platform.stop();
    await influx.stop();
  });

  it('logs in and shows the live, empty queue', async () => {
    await page.goto(`${platform.httpUrl}/`);
    await page.getByLabel('Username').fill('nurse.b');
    await page.getByLabel('Password').fill('nurse-password-b');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Alert queue' }).waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Live');
  });

  it('shows an alert within 2 s of a device publishing a low SpO2, and acknowledges it', async () => {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${platform.mqttPort}`, {
      clientId: d.deviceId,
      username: d.deviceId,
      password: d.secret,
      reconnectPeriod: 0,
    });
    const started = Date.now();
    await client.publishAsync(
      deviceTopics.readings(d.deviceId),
      JSON.stringify({
        seq: 1,
        readings: [
          { type: 'spo2', at: new Date(Date.now() - 30_000).toISOString(), unit: '%', value: 89 },
          { type: 'spo2', at: new Date().toISOString(), unit: '%', value: 88 },
        ],
      }),
      { qos: 1 },
    );
    await client.endAsync();
    const row = page.getByRole('article').filter({ hasText: 'Гүлнар Әбілқызы' });
    await row.waitFor({ timeout: 2000 });
    expect(Date.now() - started).toBeLessThan(2000);
    await expect.poll(() => row.textContent()).toContain('SpO₂ 88%');

    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await row.getByText('Acknowledged', { exact: true }).waitFor({ timeout: 3000 });
  });

  it('switches to Kazakh and remembers it after a reload', async () => {
    await page.getByLabel('Language').selectOption('kk');
    await page.getByRole('heading', { name: 'Дабылдар кезегі' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Дабылдар кезегі' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
