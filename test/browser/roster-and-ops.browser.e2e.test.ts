import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { deviceTopics, type CreateDeviceResponse, type User } from '@rpm/contracts';
import { launchChromium } from '../harness/browser.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, TEST_ADMIN_PASSWORD, type TestPlatform } from '../harness/platform.ts';
import { provisionDevice, type ProvisionedDevice } from '../harness/provision.ts';

const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));
const AT_RISK = 'Айгүл Серікқызы';
const STABLE = 'Ерлан Бекұлы';
const UNHEARD = 'Дана Маратқызы';

/** `minutesAgo` minutes before now, as the device protocol wants it. */
const ago = (minutesAgo: number): string => new Date(Date.now() - minutesAgo * 60_000).toISOString();

/**
 * The roster and the operations view in a real Chromium against the real platform: the patient with an open high
 * alert comes first, the programme filter narrows the list, an unheard device shows as offline, and the ops view
 * counts a connected device and a malformed publish.
 */
describe('dashboard roster and ops view in Chromium', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let atRisk: ProvisionedDevice;
  let stable: CreateDeviceResponse & { patientId: string };
  let connected: MqttClient;
  const pageErrors: string[] = [];

  async function signIn(username: string, password: string): Promise<void> {
    await page.goto(`${platform.httpUrl}/`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function connect(device: CreateDeviceResponse): Promise<MqttClient> {
    return mqtt.connectAsync(`mqtt://127.0.0.1:${platform.mqttPort}`, {
      clientId: device.deviceId,
      username: device.deviceId,
      password: device.secret,
      reconnectPeriod: 0,
    });
  }

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url, { RPM_DASHBOARD_DIR: DASHBOARD_DIR });
    atRisk = await provisionDevice(platform.admin, AT_RISK, ['kidney_transplant']);
    const teamId = atRisk.teamId;
    const stablePatient = await platform.admin.expect<{ id: string }>(201, 'POST', '/patients', {
      name: STABLE,
      teamId,
      programs: ['heart_failure'],
    });
    stable = {
      ...(await platform.admin.expect<CreateDeviceResponse>(201, 'POST', `/patients/${stablePatient.id}/devices`, { model: 'oracle' })),
      patientId: stablePatient.id,
    };
    const unheard = await platform.admin.expect<{ id: string }>(201, 'POST', '/patients', { name: UNHEARD, teamId, programs: ['copd'] });
    await platform.admin.expect<CreateDeviceResponse>(201, 'POST', `/patients/${unheard.id}/devices`, { model: 'oracle' });
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.r',
      password: 'nurse-password-r',
      displayName: 'Nurse Roster',
      role: 'clinician',
      teamId,
    });

    // The stable patient reads normal values (NEWS2 0, partial); the at-risk patient's SpO2 raises a high alert.
    connected = await connect(stable);
    await connected.publishAsync(
      deviceTopics.readings(stable.deviceId),
      JSON.stringify({
        seq: 1,
        readings: [
          { type: 'heart_rate', at: ago(2), unit: '/min', value: 72 },
          { type: 'spo2', at: ago(2), unit: '%', value: 97 },
        ],
      }),
      { qos: 1 },
    );

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(5000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
  });

  afterAll(async () => {
    await connected.endAsync();
    await browser.close();
    await platform.stop();
    await influx.stop();
  });

  it('opens the roster from the header and lists the team’s patients', async () => {
    await signIn('nurse.r', 'nurse-password-r');
    await page.getByRole('heading', { name: 'Alert queue' }).waitFor();
    await page.getByRole('navigation', { name: 'Main pages' }).getByRole('link', { name: 'Patients' }).click();
    await page.getByRole('heading', { level: 1, name: 'Patients' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/patients');
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    // The device of the unheard patient never connected.
    expect(await rows.filter({ hasText: UNHEARD }).textContent()).toContain('Offline: 1');
  });

  it('puts the patient with an open high alert first', async () => {
    const client = await connect(atRisk);
    await client.publishAsync(
      deviceTopics.readings(atRisk.deviceId),
      JSON.stringify({
        seq: 1,
        readings: [
          { type: 'spo2', at: ago(0.5), unit: '%', value: 89 },
          { type: 'spo2', at: ago(0), unit: '%', value: 88 },
        ],
      }),
      { qos: 1 },
    );
    await client.endAsync();
    const first = page.locator('tbody tr').first();
    // the roster re-reads as the queue changes: wait for the read that has the alert, not an earlier one
    await expect
      .poll(
        async () => {
          const text = (await first.textContent()) ?? '';
          return text.includes(AT_RISK) && text.includes('High');
        },
        { timeout: 10_000 },
      )
      .toBe(true);
  });

  it('filters by programme', async () => {
    await page.getByLabel('Programme').selectOption('heart_failure');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr').textContent()).toContain(STABLE);
    await page.getByLabel('Programme').selectOption('all');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
  });

  it('links each row to the patient page', async () => {
    await page.getByRole('link', { name: STABLE }).click();
    await page.getByRole('heading', { level: 1, name: STABLE }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/patients/${stable.patientId}`);
  });

  it('shows the roster in Kazakh', async () => {
    await page.goto(`${platform.httpUrl}/#/patients`);
    await page.getByLabel('Language').selectOption('kk');
    await page.getByRole('heading', { level: 1, name: 'Пациенттер' }).waitFor();
    expect(await page.getByRole('columnheader').allTextContents()).toContain('Соңғы көрсеткіш');
    await page.getByLabel('Тіл').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Patients' }).waitFor();
  });

  it('windows a long roster: the whole count for screen readers, a screenful of rows in the DOM, keys reach every patient', async () => {
    const many = 60;
    for (let i = 0; i < many; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, k) =>
          platform.admin.expect(201, 'POST', '/patients', { name: `Пациент ${String(i + k + 1).padStart(2, '0')}`, teamId: atRisk.teamId }),
        ),
      );
    }
    const total = 3 + many;
    /** aria-rowindex of the row holding keyboard focus */
    const focusedRow = (): Promise<string | null> =>
      page.evaluate<string | null>("document.activeElement?.closest('tr')?.getAttribute('aria-rowindex') ?? null");
    await page.setViewportSize({ width: 768, height: 900 });
    await page.goto(`${platform.httpUrl}/#/patients`);
    // already on the roster: a reload reads it again with the new patients
    await page.reload();
    const table = page.locator('.roster__table table');
    await expect.poll(() => table.getAttribute('aria-rowcount'), { timeout: 10_000 }).toBe(String(total + 1));
    const rendered = await page.locator('.roster__table tbody tr[aria-rowindex]').count();
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(total);
    // Nothing wider than a tablet's window.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(768);

    // End reaches the last patient, rendering and focusing its row; Home goes back to the riskiest.
    await page.locator('.roster__table tbody tr[aria-rowindex="2"] a').focus();
    await page.keyboard.press('End');
    const last = page.locator(`.roster__table tbody tr[aria-rowindex="${String(total + 1)}"] a`);
    await expect.poll(() => focusedRow()).toBe(String(total + 1));
    // never heard from counts as the most silent: the new patients sort before the one who sent readings
    expect(await last.textContent()).toBe(STABLE);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => focusedRow()).toBe(String(total));
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate<string | null>('document.activeElement?.textContent ?? null')).toBe(AT_RISK);
    // Tab walks the rows in order past the first screenful (the window follows the focus).
    for (let i = 0; i < 20; i++) await page.keyboard.press('Tab');
    await expect.poll(() => focusedRow()).toBe('22');

    // The filter narrows the windowed table too, and its count follows.
    await page.getByLabel('Programme').selectOption('copd');
    await expect.poll(() => table.getAttribute('aria-rowcount')).toBe('2');
    await page.getByLabel('Programme').selectOption('all');
    await expect.poll(() => table.getAttribute('aria-rowcount')).toBe(String(total + 1));
    await page.setViewportSize({ width: 1024, height: 900 });
  });

  it('shows the ops view to an admin: a connected device, and a rejection after a malformed publish', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn('admin', TEST_ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Alert queue' }).waitFor();
    await page.getByRole('navigation', { name: 'Main pages' }).getByRole('link', { name: 'Operations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Operations' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/ops');
    await expect.poll(async () => Number(await page.getByTestId('connected-devices').textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('messages-rejected').textContent()).toBe('0');

    await connected.publishAsync(deviceTopics.readings(stable.deviceId), '{"seq": 2, "readings": [', { qos: 1 });
    // The view refreshes every 5 s.
    await expect.poll(() => page.getByTestId('messages-rejected').textContent(), { timeout: 12_000 }).toBe('1');
    const refusals = page.getByRole('region', { name: 'Refusals by reason' });
    expect(await refusals.textContent()).toContain('Not valid JSON');
    const quarantine = page.getByRole('region', { name: 'Latest refused messages' });
    await expect.poll(() => quarantine.textContent(), { timeout: 12_000 }).toContain(stable.deviceId);
    expect(await page.locator('main').textContent()).not.toContain(STABLE);
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
