import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type User } from '@rpm/contracts';
import { launchChromium } from '../harness/browser.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { provisionDevice, type ProvisionedDevice } from '../harness/provision.ts';
import { publishReadings } from '../harness/publish-readings.ts';

const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));
const PATIENT_NAME = 'Гүлнар Әбілқызы';
const SCREENSHOT_DIR = '/tmp';

/** Latin words allowed in the Kazakh page: the names of scores and units that are the same in every language. */
const LATIN_ALLOWED = /NEWS2|ACVPU|SpO₂|°C|\b[ACVPU]\b(?= —)/g;

/** `minutesAgo` minutes before now, as the device protocol wants it (ISO 8601 with an offset). */
const ago = (minutesAgo: number): string => new Date(Date.now() - minutesAgo * 60_000).toISOString();

/**
 * One patient's page in a real Chromium against the real platform: readings from a real MQTT client, NEWS2 partial
 * until a clinician records ACVPU, a threshold override with its reason and author, the uPlot trend, Kazakh, and a
 * clinician of another care team who must see nothing.
 */
describe('dashboard patient view in Chromium', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let d: ProvisionedDevice;
  const pageErrors: string[] = [];

  async function signIn(on: Page, username: string, password: string): Promise<void> {
    await on.goto(`${platform.httpUrl}/`);
    await on.getByLabel('Username').fill(username);
    await on.getByLabel('Password').fill(password);
    await on.getByRole('button', { name: 'Sign in' }).click();
    await on.getByRole('heading', { name: 'Alert queue' }).waitFor();
  }

  async function screenshot(name: string, width: number): Promise<void> {
    await page.setViewportSize({ width, height: 900 });
    // The chart follows its container through a ResizeObserver: give it a frame to redraw.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}`, fullPage: true });
  }

  /**
   * Nothing wider than the window (no sideways scrolling of the page), and every threshold's Change button in view
   * inside its table, not scrolled off to the right of it.
   */
  async function expectFitsWidth(): Promise<void> {
    const pageWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(pageWidth).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
    const table = await page.locator('.thresholds .table-scroll').boundingBox();
    const buttons = await page.locator('.thresholds .table__action button').all();
    expect(table).not.toBeNull();
    expect(buttons.length).toBeGreaterThan(0);
    const boxes = await Promise.all(buttons.map((button) => button.boundingBox()));
    const cutOff = boxes.filter((box) => box === null || table === null || box.x + box.width > table.x + table.width + 0.5);
    expect(cutOff).toEqual([]);
  }

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url, { RPM_DASHBOARD_DIR: DASHBOARD_DIR });
    d = await provisionDevice(platform.admin, PATIENT_NAME, ['kidney_transplant']);
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.a',
      password: 'nurse-password-a',
      displayName: 'Nurse Aigerim',
      role: 'clinician',
      teamId: d.teamId,
    });
    const otherTeam = await platform.admin.expect<{ id: string }>(201, 'POST', '/teams', { name: 'Another team' });
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.other',
      password: 'nurse-password-other',
      displayName: 'Nurse Other',
      role: 'clinician',
      teamId: otherTeam.id,
    });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(5000);
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

  it('logs in as a clinician of the patient’s team', async () => {
    await signIn(page, 'nurse.a', 'nurse-password-a');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Live');
  });

  it('opens the patient from the alert queue after a device publishes its readings', async () => {
    await publishReadings(platform.mqttPort, d, 1, [
      { type: 'respiratory_rate', at: ago(3), unit: '/min', value: 17 },
      { type: 'respiratory_rate', at: ago(1), unit: '/min', value: 18 },
      { type: 'heart_rate', at: ago(3), unit: '/min', value: 76 },
      { type: 'heart_rate', at: ago(1), unit: '/min', value: 74 },
      { type: 'blood_pressure', at: ago(3), unit: 'mm[Hg]', systolic: 124, diastolic: 80 },
      { type: 'blood_pressure', at: ago(1), unit: 'mm[Hg]', systolic: 128, diastolic: 82 },
      { type: 'body_temperature', at: ago(2), unit: '[degF]', value: 98.96 },
      { type: 'spo2', at: ago(3), unit: '%', value: 96 },
      { type: 'spo2', at: ago(2), unit: '%', value: 93 },
      { type: 'spo2', at: ago(1), unit: '%', value: 91 },
    ]);

    const row = page.getByRole('article').filter({ hasText: PATIENT_NAME });
    await row.waitFor({ timeout: 5000 });
    await row.getByRole('link', { name: PATIENT_NAME }).click();
    await page.getByRole('heading', { level: 1, name: PATIENT_NAME }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/patients/${d.patientId}`);
    await expect.poll(() => page.title()).toBe(`${PATIENT_NAME} — Remote patient monitoring`);
  });

  it('shows NEWS2 as partial while consciousness is missing', async () => {
    const panel = page.getByRole('region', { name: 'NEWS2 early warning score' });
    const note = panel.getByRole('note');
    await note.waitFor();
    expect(await note.textContent()).toContain('Partial score');
    expect(await note.textContent()).toContain('Consciousness');
    // RR 18 → 0, SpO₂ 91 % (scale 1) → 3, air → 0, systolic 128 → 0, pulse 74 → 0, 37.2 °C → 0: at least 3.
    expect(await panel.getByTestId('news2-score').textContent()).toContain('≥\u00a03');
    const consciousness = panel.getByRole('row', { name: /Consciousness/ });
    expect(await consciousness.textContent()).toContain('not measured');
  });

  it('records ACVPU "A" and the score becomes complete', async () => {
    const form = page.getByRole('region', { name: 'Record consciousness (ACVPU)' });
    await form.getByLabel('A — Alert').check();
    await form.getByRole('button', { name: 'Record' }).click();
    await form.getByRole('status').filter({ hasText: 'Recorded: A — Alert' }).waitFor();

    const panel = page.getByRole('region', { name: 'NEWS2 early warning score' });
    await panel.getByRole('note').waitFor({ state: 'detached' });
    await expect.poll(() => panel.getByTestId('news2-score').textContent()).toMatch(/^Score: 3Low–medium risk/);
    expect(await panel.getByRole('row', { name: /Consciousness/ }).textContent()).toContain('A — Alert');
  });

  it('sets a fever threshold for the patient and shows it with the reason and who set it', async () => {
    const panel = page.getByRole('region', { name: 'Alert thresholds' });
    await panel.getByRole('button', { name: 'Change: Fever, Limit' }).click();
    const form = panel.getByRole('form', { name: 'Change Fever: Limit' });
    await form.getByLabel('New value, °C').fill('38,3');
    await form.getByLabel('Reason').fill('Post-transplant baseline runs warm');
    await form.getByRole('button', { name: 'Save' }).click();
    await panel.getByRole('status').filter({ hasText: 'Threshold saved.' }).waitFor();
    await form.waitFor({ state: 'detached' });

    const row = panel.getByRole('row', { name: /Fever\s*Limit/ });
    await expect.poll(() => row.textContent()).toContain('38.3\u00a0°C');
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('37.8\u00a0°C');
    expect(text).toContain('Changed for this patient');
    expect(text).toContain('By Nurse Aigerim');
    expect(text).toContain('Post-transplant baseline runs warm');
  });

  it('draws the trend with uPlot and summarises the readings in text', async () => {
    const trend = page.getByRole('region', { name: 'Trend' });
    await trend.locator('.uplot canvas').waitFor();
    await expect.poll(() => trend.locator('figcaption').textContent()).toContain('Readings: 3');
    const summary = (await trend.locator('figcaption').textContent()) ?? '';
    expect(summary).toContain('Lowest 91\u00a0%');
    expect(summary).toContain('highest 96\u00a0%');
    expect(summary).toContain('latest 91\u00a0%');

    // A tile selects its vital's trend.
    await page
      .getByRole('region', { name: 'Latest readings' })
      .getByRole('button', { name: /^Blood pressure/ })
      .click();
    await expect.poll(() => trend.locator('figcaption').textContent()).toContain('Blood pressure, 24 h: Readings: 2');
    await trend.locator('.uplot canvas').waitFor();

    await screenshot('patient-view-en-1280.png', 1280);
    await screenshot('patient-view-en-768.png', 768);
    await expectFitsWidth();
  });

  it('switches to Kazakh with no English left in the patient view', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Language').selectOption('kk');
    await page.getByRole('heading', { name: 'NEWS2 шкаласы' }).waitFor();
    await page.getByRole('region', { name: 'Динамика' }).locator('.uplot canvas').waitFor();

    const texts = await page
      .locator('main')
      .locator('h1, h2, h3, th[scope="col"], legend, label, button, .tag, figcaption')
      .allTextContents();
    const leaks = texts.filter((text) => /[A-Za-z]/.test(text.replace(LATIN_ALLOWED, '')));
    expect(leaks).toEqual([]);
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');

    await screenshot('patient-view-kk-1280.png', 1280);
    await screenshot('patient-view-kk-768.png', 768);
    await expectFitsWidth();
    // The edit form opens inside the narrow (card) layout of the thresholds, and fits too.
    const thresholds = page.getByRole('region', { name: 'Дабыл шектері' });
    await thresholds.getByRole('button', { name: 'Өзгерту: Қызба, Шегі' }).click();
    await thresholds.getByLabel('Жаңа мәні, °C').waitFor();
    await expectFitsWidth();
    await thresholds.getByRole('button', { name: 'Бас тарту' }).click();
    // "мм сын. бағ." ends the summary: one full stop, not two.
    expect(await page.locator('.trend figcaption').textContent()).toMatch(/соңғысы 128\u00a0мм\u00a0сын\.\u00a0бағ\.$/);

    // The address is the page: a reload opens the same patient, still in Kazakh.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: PATIENT_NAME }).waitFor();
    await page.getByRole('heading', { name: 'NEWS2 шкаласы' }).waitFor();
    await page.getByRole('region', { name: 'Динамика' }).locator('.uplot canvas').waitFor();
  });

  it('shows a clinician of another team that the patient is not found, and none of its data', async () => {
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    try {
      const otherPage = await other.newPage();
      const patientAnswers: number[] = [];
      otherPage.on('response', (response) => {
        if (new URL(response.url()).pathname.startsWith(`/api/v1/patients/${d.patientId}`)) patientAnswers.push(response.status());
      });
      await signIn(otherPage, 'nurse.other', 'nurse-password-other');
      await otherPage.goto(`${platform.httpUrl}/#/patients/${d.patientId}`);
      await otherPage.getByRole('heading', { level: 1, name: 'This patient does not exist or is not in your care teams.' }).waitFor();
      const body = (await otherPage.locator('body').textContent()) ?? '';
      expect(body).not.toContain(PATIENT_NAME);
      expect(body).not.toContain('NEWS2');
      expect(body).not.toContain('Post-transplant baseline runs warm');
      // The page asked for the patient and got the server's 404 (denied looks like missing), never any data.
      expect(patientAnswers.length).toBeGreaterThan(0);
      expect(patientAnswers.every((status) => status === 404)).toBe(true);
      await otherPage.screenshot({ path: `${SCREENSHOT_DIR}/patient-view-denied.png`, fullPage: true });
    } finally {
      await other.close();
    }
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
