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
const BUCKET_7D_MS = 15 * 60_000;
/** the SpO₂ readings the device publishes (below), for the 7-day trend's last-bucket mean */
const spo2Readings = [
  { minutesAgo: 3, value: 96 },
  { minutesAgo: 2, value: 93 },
  { minutesAgo: 1, value: 91 },
].map(({ minutesAgo, value }) => ({ at: ago(minutesAgo), value }));

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
      ...spo2Readings.map(({ at, value }) => ({ type: 'spo2', at, unit: '%', value })),
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

  it('shades the patient’s SpO₂ alert limits on the trend and marks the alert, with a legend in words', async () => {
    const trend = page.getByRole('region', { name: 'Trend' });
    await trend.getByLabel('Vital sign').selectOption('spo2');
    await expect.poll(() => trend.locator('figcaption').textContent()).toContain('SpO₂ (oxygen saturation), 24 h: Readings: 3');
    const legend = trend.locator('.trend-legend');
    // kidney transplant, target 94–98 %: below target under 94 % (medium), very low at 91 % (high), as the thresholds panel says
    await expect.poll(() => legend.textContent()).toContain('Very low SpO₂: 91\u00a0%, shaded below');
    expect(await legend.textContent()).toContain('SpO₂ below target: 94\u00a0%, shaded below');
    // the SpO₂ of 91 % raised an alert: listed with its time, rule, value and priority
    const alerts = legend.locator('details');
    expect(await alerts.locator('summary').textContent()).toMatch(/^Alerts in this period: [1-9]/);
    await alerts.locator('summary').click();
    expect(await alerts.locator('li').first().textContent()).toMatch(/SpO₂.*: 9[0-9]\u00a0% · (High|Medium) · Open/);

    // The canvas has the band: the bottom of the plot (below 91 %) is tinted red, not white. Polled: uPlot redraws
    // with the band on a later frame than the legend's text appears (CI once read the pixel before that redraw).
    const redness = async (): Promise<number> => {
      const [red = 0, green = 0, blue = 0] = await page.evaluate<number[]>(`(() => {
        const canvas = document.querySelector('.trend .uplot canvas');
        const plot = document.querySelector('.trend .u-over');
        const box = canvas.getBoundingClientRect(), over = plot.getBoundingClientRect();
        const scale = canvas.width / box.width;
        const x = Math.round((over.left - box.left + over.width / 2) * scale);
        const y = Math.round((over.bottom - box.top - 3) * scale);
        return Array.from(canvas.getContext('2d').getImageData(x, y, 1, 1).data);
      })()`);
      return red - Math.max(green, blue);
    };
    await expect.poll(redness, { timeout: 5000 }).toBeGreaterThan(10);
  });

  it('says a 7-day trend’s latest is the mean of its last bucket, not a reading', async () => {
    const trend = page.getByRole('region', { name: 'Trend' });
    await trend.getByRole('button', { name: '7 days' }).click();
    // The 15-minute buckets are aligned to the clock, so the last one holds one, two or all three of the readings
    // (published 3, 2 and 1 minutes before the test ran): its mean, not the 91 % reading, is what the caption names.
    const bucketOf = (at: string): number => Math.floor(Date.parse(at) / BUCKET_7D_MS);
    const lastBucket = Math.max(...spo2Readings.map((r) => bucketOf(r.at)));
    const inLast = spo2Readings.filter((r) => bucketOf(r.at) === lastBucket).map((r) => r.value);
    const mean = Math.round(inLast.reduce((a, b) => a + b, 0) / inLast.length);
    await expect
      .poll(() => trend.locator('figcaption').textContent())
      .toMatch(
        new RegExp(
          `SpO₂ \\(oxygen saturation\\), 7 days: Readings: 3\\. .*the last point is the mean of the last 15.min, not a single reading: ${mean}\u00a0%\\.$`,
        ),
      );
    // (the 24-hour view's latest is the raw reading, 91 %: the two differ, which is why the 7-day one says what it is)
    await trend.getByRole('button', { name: '24 h' }).click();
    await expect.poll(() => trend.locator('figcaption').textContent()).toContain('latest 91\u00a0%');
  });

  it('adds a passport entry, ends it with a reason, and keeps both in the history with author and time', async () => {
    const passport = page.getByRole('region', { name: 'Health passport' });
    await passport.getByRole('button', { name: 'Add entry' }).click();
    const add = page.getByRole('dialog', { name: 'New entry in the health passport' });
    await add.getByLabel('Section').selectOption('diagnosis');
    await add.getByLabel('ICD-10 code').fill('18.5');
    await add.getByLabel('Diagnosis', { exact: true }).fill('Chronic kidney disease, stage 5');
    await add.getByRole('button', { name: 'Save' }).click();
    // the contract's own schema refuses the code before anything is sent
    expect(await add.getByRole('alert').textContent()).toBe('Check these fields: ICD-10 code.');
    await add.getByLabel('ICD-10 code').fill('n18.5');
    await add.getByRole('button', { name: 'Save' }).click();
    await add.waitFor({ state: 'detached' });
    await passport.getByText('Entry added to the passport.').waitFor();
    const entry = passport.locator('.passport__entry').filter({ hasText: 'N18.5' });
    expect(await entry.textContent()).toMatch(/Recorded .*\d{2}:\d{2} by Nurse Aigerim/);

    await entry.getByRole('button', { name: /^End entry\W+Diagnoses$/ }).click();
    const end = page.getByRole('dialog', { name: 'End this passport entry' });
    await end.getByRole('button', { name: 'End entry' }).click();
    expect(await end.getByRole('alert').textContent()).toBe('Give a reason of at least 3 characters.');
    await end.getByLabel('Reason').fill('Entered for the wrong patient');
    await end.getByRole('button', { name: 'End entry' }).click();
    await end.waitFor({ state: 'detached' });
    await passport.getByText('Entry ended; it stays in the history.').waitFor();
    expect(await passport.locator('.passport__entry').filter({ hasText: 'N18.5' }).count()).toBe(0);

    const history = passport.locator('details.passport-history');
    await expect.poll(() => history.locator('summary').textContent()).toBe('History of changes (2)');
    await history.locator('summary').click();
    const versions = await history.locator('li').allTextContents();
    expect(versions[0]).toContain('Diagnoses: entry ended by Nurse Aigerim');
    expect(versions[0]).toContain('Reason: Entered for the wrong patient');
    expect(versions[1]).toContain('Diagnoses: entry recorded by Nurse Aigerim');
    expect(versions[1]).toContain('ICD-10 code: N18.5 · Diagnosis: Chronic kidney disease, stage 5');
    // Nothing was deleted: the server keeps both versions.
    const stored = await platform.admin.expect<{ versions: { change: string; reason: string | null }[] }>(
      200,
      'GET',
      `/patients/${d.patientId}/passport/history`,
    );
    expect(stored.versions.map((v) => [v.change, v.reason])).toEqual([
      ['recorded', null],
      ['ended', 'Entered for the wrong patient'],
    ]);
  });

  it('shows who viewed this record: name, role, when in Almaty, what, channel and outcome', async () => {
    // the log is read when the page opens: open it again to see the passport changes just made
    await page.reload();
    const log = page.getByRole('region', { name: 'Who viewed this record' });
    const passportWrite = log.locator('tbody tr').filter({ hasText: 'passport.record' }).first();
    await passportWrite.waitFor();
    const cells = await passportWrite.locator('th, td').allTextContents();
    expect(cells[0]).toMatch(/\d{2}:\d{2}$/);
    expect(cells.slice(1)).toEqual(['Nurse AigerimClinician', 'Health passportpassport.record', 'Web', 'Allowed']);
    // back to the blood-pressure trend the next test reads (a reload starts on SpO₂)
    await page.getByRole('region', { name: 'Trend' }).getByLabel('Vital sign').selectOption('blood_pressure');
    expect(await log.getByRole('columnheader').allTextContents()).toEqual(['When', 'Who', 'What', 'Channel', 'Result']);
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
