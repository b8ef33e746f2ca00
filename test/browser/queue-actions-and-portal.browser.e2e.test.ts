import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { deviceTopics, type Alert, type User } from '@rpm/contracts';
import { launchChromium } from '../harness/browser.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { provisionDevice, type ProvisionedDevice } from '../harness/provision.ts';

const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));
const PATIENT_NAME = 'Гүлнар Әбілқызы';
const OTHER_PATIENT_NAME = 'Ерлан Сәрсенов';
const SCREENSHOT_DIR = '/tmp';

/**
 * The care team's alert actions (assign, snooze, resolve with a note), the queue after a lost socket, the
 * high-priority tone, and the patient portal — in a real Chromium against the real platform and a real MQTT client.
 */
describe('alert queue actions and the patient portal in Chromium', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let d: ProvisionedDevice;
  let other: ProvisionedDevice;
  let seq = 0;
  /** the socket is "down": the page's socket.io connections are closed and refused */
  let socketDown = false;
  const sockets: WebSocketRoute[] = [];
  const pageErrors: string[] = [];

  async function publishSpo2(value: number): Promise<void> {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${platform.mqttPort}`, {
      clientId: d.deviceId,
      username: d.deviceId,
      password: d.secret,
      reconnectPeriod: 0,
    });
    seq += 1;
    await client.publishAsync(
      deviceTopics.readings(d.deviceId),
      JSON.stringify({
        seq,
        readings: [
          { type: 'spo2', at: new Date(Date.now() - 30_000).toISOString(), unit: '%', value: value + 1 },
          { type: 'spo2', at: new Date().toISOString(), unit: '%', value },
        ],
      }),
      { qos: 1 },
    );
    await client.endAsync();
  }

  const row = () => page.getByRole('article').filter({ hasText: PATIENT_NAME });

  async function signIn(on: Page, username: string, password: string): Promise<void> {
    await on.goto(`${platform.httpUrl}/`);
    await on.getByLabel('Username').fill(username);
    await on.getByLabel('Password').fill(password);
    await on.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url, { RPM_DASHBOARD_DIR: DASHBOARD_DIR });
    d = await provisionDevice(platform.admin, PATIENT_NAME, ['kidney_transplant']);
    other = await provisionDevice(platform.admin, OTHER_PATIENT_NAME, []);
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.c',
      password: 'nurse-password-c',
      displayName: 'Nurse Dana',
      role: 'clinician',
      teamId: d.teamId,
    });
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.aliya',
      password: 'nurse-password-aliya',
      displayName: 'Nurse Aliya',
      role: 'clinician',
      teamId: d.teamId,
    });
    await platform.admin.expect<User>(201, 'POST', `/patients/${d.patientId}/portal-user`, {
      username: 'gulnar',
      password: 'patient-password-g',
      displayName: PATIENT_NAME,
    });
    await platform.admin.expect(201, 'POST', `/patients/${d.patientId}/passport/entries`, {
      section: 'diagnosis',
      data: { icd10: 'Z94.0', description: 'Kidney transplant status', diagnosedOn: '2024-05-10' },
    });

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(5000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    // Count the oscillators the page starts: the high-priority tone is generated, never a file.
    await page.addInitScript({
      content: `window.oscillators = 0;
        const create = AudioContext.prototype.createOscillator;
        AudioContext.prototype.createOscillator = function () { window.oscillators += 1; return create.call(this); };`,
    });
    // The socket passes through Playwright, so the test can cut it as a network failure would.
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (socketDown) {
        void ws.close();
        return;
      }
      ws.connectToServer();
      sockets.push(ws);
    });
    await page.route(/\/socket\.io\//, (route) => (socketDown ? route.abort('internetdisconnected') : route.continue()));
  });

  afterAll(async () => {
    await browser.close();
    await platform.stop();
    await influx.stop();
  });

  it('logs in as a nurse of the patient’s team and arms the sound with the first click', async () => {
    await signIn(page, 'nurse.c', 'nurse-password-c');
    await page.getByRole('heading', { name: 'Alert queue' }).waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Live');
    await page.getByText('Sound starts after your first click on the page.').waitFor();
    await page.getByRole('heading', { name: 'Alert queue' }).click();
    await page.getByText('Sound starts after your first click on the page.').waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Alert sound' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('sounds a tone for a new high-priority alert, assigns it to me, then to a colleague from the care team, by keyboard', async () => {
    await publishSpo2(88);
    await row().waitFor();
    await expect.poll(() => page.evaluate<number>('window.oscillators')).toBeGreaterThanOrEqual(3);

    await row().getByRole('button', { name: 'Assign to me' }).click();
    await row().getByText('Assigned to you').waitFor();
    await row().getByRole('button', { name: 'Assign to me' }).waitFor({ state: 'detached' });

    // "Assign…" lists the patient's care team, me first, and is usable from the keyboard.
    await row().getByRole('button', { name: 'Assign…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Assign the alert: ${PATIENT_NAME}` });
    await dialog.getByRole('radio').first().waitFor();
    const members = dialog.getByRole('radio');
    expect(await members.count()).toBe(2);
    await expect.poll(() => dialog.locator('label.choice').first().textContent()).toContain('Nurse Dana (you)');
    expect(await dialog.locator('label.choice').first().textContent()).toContain('Nurse · level 1');
    expect(await dialog.locator('label.choice').first().textContent()).toContain('currently assigned');
    // the current assignee is not preselected: the colleague is
    expect(await dialog.getByRole('radio', { name: /Nurse Aliya/ }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: /Nurse Aliya/ }).focus();
    await page.keyboard.press('ArrowUp');
    expect(await dialog.getByRole('radio', { name: /Nurse Dana/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Assign', exact: true }).isDisabled()).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByRole('radio', { name: /Nurse Aliya/ }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await row().getByText('Assigned to Nurse Aliya').waitFor();
    // "Assign to me" is back, and still works
    await row().getByRole('button', { name: 'Assign to me' }).click();
    await row().getByText('Assigned to you').waitFor();
  });

  it('snoozes the alert for 1 hour with a reason, from the keyboard', async () => {
    await row().getByRole('button', { name: 'Snooze…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Snooze the alert: ${PATIENT_NAME}` });
    await dialog.waitFor();
    // Escape closes without snoozing.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await row().getByRole('button', { name: 'Snooze…' }).click();
    await dialog.getByLabel('1 hour').check();
    await dialog.getByLabel('Reason (optional)').fill('Called the patient, re-measuring');
    await dialog.getByRole('button', { name: 'Snooze', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await row().getByText('Snoozed', { exact: true }).waitFor();
    const text = (await row().textContent()) ?? '';
    expect(text).toMatch(/until \d{1,2} \w{3}, \d{2}:\d{2}/);
  });

  it('resolves the alert only with a note', async () => {
    const id = await alertIdOf(PATIENT_NAME);
    await row().getByRole('button', { name: 'Resolve…' }).click();
    const dialog = page.getByRole('dialog', { name: `Resolve the alert: ${PATIENT_NAME}` });
    await dialog.getByRole('button', { name: 'Resolve', exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Write what was done before resolving.' }).waitFor();
    expect(await dialog.getByLabel('What was done').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('What was done').fill('SpO₂ 96 % on re-measurement; probe was loose');
    await dialog.getByRole('button', { name: 'Resolve', exact: true }).click();
    await row().waitFor({ state: 'detached' });
    const resolved = await platform.admin.expect<{ events: { kind: string; detail: string | null }[] }>(200, 'GET', `/alerts/${id}/events`);
    expect(resolved.events.map((e) => e.kind)).toEqual(['raised', 'assigned', 'assigned', 'assigned', 'snoozed', 'resolved']);
    expect(resolved.events.at(-1)?.detail).toBe('SpO₂ 96 % on re-measurement; probe was loose');
  });

  it('says so when someone else resolved the alert first (409)', async () => {
    await publishSpo2(87);
    await row().waitFor();
    const id = await alertIdOf(PATIENT_NAME);
    await row().getByRole('button', { name: 'Resolve…' }).click();
    const dialog = page.getByRole('dialog', { name: `Resolve the alert: ${PATIENT_NAME}` });
    await dialog.getByLabel('What was done').fill('Seen at home');
    // Meanwhile the admin resolves it; our socket is cut first so the page cannot know.
    socketDown = true;
    for (const ws of sockets.splice(0)) {
      await ws.close();
    }
    await platform.admin.expect<Alert>(200, 'POST', `/alerts/${id}/resolve`, { note: 'Resolved by the admin' });
    await dialog.getByRole('button', { name: 'Resolve', exact: true }).click();
    // The 409 closes the dialog and re-reads the queue (over HTTP, which still works): the resolved alert goes.
    await dialog.waitFor({ state: 'detached' });
    await row().waitFor({ state: 'detached' });
    // The row and its message are gone: the queue's polite live region says who had already done what.
    const notice = page.locator('.conflict-notice[role="status"][aria-live="polite"]');
    await expect
      .poll(() => notice.textContent())
      .toMatch(new RegExp(`had already resolved “.+” for ${PATIENT_NAME} \\(.*\\d{2}:\\d{2}\\)`));
    expect(await notice.textContent()).toContain('nothing was changed by you');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => notice.textContent()).toBe('');
  });

  it('re-fetches after the socket comes back: nothing missed while it was down stays on the queue', async () => {
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 10_000 }).toContain('Reconnecting');
    // While disconnected: a new alert is raised and resolved; neither event reaches the page.
    await publishSpo2(86);
    const raised = await waitForAlert(PATIENT_NAME);
    await platform.admin.expect<Alert>(200, 'POST', `/alerts/${raised.id}/assign`, { userId: await nurseId() });
    await publishSpo2(85);
    expect(await row().count()).toBe(0);
    socketDown = false;
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 }).toContain('Live');
    // The snapshot after the reconnect shows the alert raised while we were away, as it is now.
    await row().waitFor({ timeout: 5000 });
    expect(await row().textContent()).toContain('Assigned to you');
  });

  it('the patient lands on their own record and sees who accessed it', async () => {
    const portal = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    try {
      const p = await portal.newPage();
      p.setDefaultTimeout(5000);
      p.on('pageerror', (e) => pageErrors.push(e.message));
      await signIn(p, 'gulnar', 'patient-password-g');
      await p.getByRole('heading', { level: 1, name: 'My health record' }).waitFor();
      expect(new URL(p.url()).hash).toBe('#/me');
      expect(await p.getByRole('navigation').count()).toBe(0);

      const vitals = p.getByRole('region', { name: 'Latest readings' });
      await expect.poll(() => vitals.getByRole('button', { name: /^SpO₂/ }).textContent()).toContain('85');
      await p.getByRole('region', { name: 'Trend' }).locator('.uplot canvas').waitFor();

      const passport = p.getByRole('region', { name: 'Health passport' });
      await passport.getByText('Kidney transplant status').waitFor();
      expect(await passport.textContent()).toContain('10.05.2024');

      const log = p.getByRole('region', { name: 'Who accessed my record' });
      await log
        .getByRole('row', { name: /Nurse Dana/ })
        .first()
        .waitFor();

      const alerts = p.getByRole('region', { name: 'Alert history' });
      await alerts.getByText('SpO₂ 96 % on re-measurement; probe was loose').waitFor();
      await p.getByRole('region', { name: 'Devices' }).getByText(d.deviceId).waitFor();

      // Report an error in the diagnosis, from the keyboard.
      await passport
        .getByRole('region', { name: 'Diagnoses' })
        .getByRole('button', { name: /^Report an error/ })
        .focus();
      await p.keyboard.press('Enter');
      const dialog = p.getByRole('dialog', { name: 'Report an error in my passport' });
      await dialog.getByLabel('What is wrong').fill('The diagnosis date is wrong: it was 12 May 2024.');
      await dialog.getByRole('button', { name: 'Send' }).click();
      await dialog.waitFor({ state: 'detached' });
      await p.getByRole('status').filter({ hasText: 'Sent. Your care team will answer here.' }).waitFor();
      const corrections = p.getByRole('region', { name: 'My correction requests' });
      await corrections.getByText('The diagnosis date is wrong: it was 12 May 2024.').waitFor();
      expect(await corrections.textContent()).toContain('Waiting for an answer');

      await p.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
      await p.screenshot({ path: `${SCREENSHOT_DIR}/portal-en-1280.png`, fullPage: true });
      await p.setViewportSize({ width: 768, height: 1024 });
      await p.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
      expect(await p.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(768);
      await p.screenshot({ path: `${SCREENSHOT_DIR}/portal-en-768.png`, fullPage: true });

      await p.getByLabel('Language').selectOption('kk');
      await p.getByRole('heading', { level: 1, name: 'Менің денсаулық деректерім' }).waitFor();
      await p.getByRole('region', { name: 'Деректеріме кім кірді' }).waitFor();
      await p.screenshot({ path: `${SCREENSHOT_DIR}/portal-kk-768.png`, fullPage: true });
      await p.setViewportSize({ width: 1280, height: 900 });
      await p.screenshot({ path: `${SCREENSHOT_DIR}/portal-kk-1280.png`, fullPage: true });
      await p.getByLabel('Тіл').selectOption('en');

      // Another patient's page is not theirs: the portal refuses it, and so does the server.
      await p.goto(`${platform.httpUrl}/#/patients/${other.patientId}`);
      await p.getByRole('heading', { level: 1, name: 'Not available in the patient portal' }).waitFor();
      expect((await p.locator('body').textContent()) ?? '').not.toContain(OTHER_PATIENT_NAME);
      const token = await p.evaluate(() => (JSON.parse(sessionStorage.getItem('rpm.session') ?? '{}') as { token?: string }).token);
      const answer = await fetch(`${platform.httpUrl}/api/v1/patients/${other.patientId}`, {
        headers: { authorization: `Bearer ${token ?? ''}` },
      });
      expect([403, 404]).toContain(answer.status);
      await p.screenshot({ path: `${SCREENSHOT_DIR}/portal-refused.png`, fullPage: true });
    } finally {
      await portal.close();
    }
  });

  it('raised no page errors', () => {
    // a refused socket.io poll while "offline" is logged by Chromium as a network error, not a page error
    expect(pageErrors.filter((e) => !/socket\.io|ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e))).toEqual([]);
  });

  async function alertIdOf(patientName: string): Promise<string> {
    const { alerts } = await platform.admin.expect<{ alerts: Alert[] }>(200, 'GET', '/alerts');
    const alert = alerts.find((a) => a.patientName === patientName);
    if (alert === undefined) throw new Error(`no active alert of ${patientName}`);
    return alert.id;
  }

  async function waitForAlert(patientName: string): Promise<Alert> {
    for (let i = 0; i < 50; i++) {
      const { alerts } = await platform.admin.expect<{ alerts: Alert[] }>(200, 'GET', '/alerts');
      const alert = alerts.find((a) => a.patientName === patientName);
      if (alert !== undefined) return alert;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no alert of ${patientName}`);
  }

  async function nurseId(): Promise<string> {
    const nurse = await platform.admin.login('nurse.c', 'nurse-password-c');
    return (await nurse.expect<User>(200, 'GET', '/me')).id;
  }
});
