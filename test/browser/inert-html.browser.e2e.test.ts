import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type User } from '@rpm/contracts';
import { launchChromium } from '../harness/browser.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { provisionDevice, type ProvisionedDevice } from '../harness/provision.ts';
import { publishReadings } from '../harness/publish-readings.ts';

const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));
const MARKUP_NAME = '<img src=x onerror=alert(1)>';

/**
 * Free text is stored as given and rendered as text (docs/security.md): a patient whose name is an HTML payload shows
 * those characters in the alert queue, the roster and the patient page, no element is created from it, and no
 * dialog opens. The CSP would also block the inline handler; the point here is that the markup never becomes markup.
 */
describe('dashboard renders HTML in names as inert text, in Chromium', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  let d: ProvisionedDevice;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  /** No element came from the name: no <img src="x"> anywhere in the document. */
  const injectedImages = (): Promise<number> => page.locator('img[src="x"]').count();

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url, { RPM_DASHBOARD_DIR: DASHBOARD_DIR });
    d = await provisionDevice(platform.admin, MARKUP_NAME, ['kidney_transplant']);
    await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.x',
      password: 'nurse-password-x',
      displayName: 'Nurse X',
      role: 'clinician',
      teamId: d.teamId,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    page.setDefaultTimeout(5000);
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser.close();
    await platform.stop();
    await influx.stop();
  });

  it('shows the name as text on the alert queue', async () => {
    await page.goto(`${platform.httpUrl}/`);
    await page.getByLabel('Username').fill('nurse.x');
    await page.getByLabel('Password').fill('nurse-password-x');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Alert queue' }).waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Live');

    await publishReadings(platform.mqttPort, d, 1, [
      { type: 'spo2', at: new Date(Date.now() - 30_000).toISOString(), unit: '%', value: 89 },
      { type: 'spo2', at: new Date().toISOString(), unit: '%', value: 88 },
    ]);
    const row = page.getByRole('article').filter({ hasText: MARKUP_NAME });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain(MARKUP_NAME);
    expect(await injectedImages()).toBe(0);
  });

  it('shows the name as text on the roster and the patient page', async () => {
    await page.getByRole('navigation', { name: 'Main pages' }).getByRole('link', { name: 'Patients' }).click();
    await page.getByRole('heading', { level: 1, name: 'Patients' }).waitFor();
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(MARKUP_NAME);
    expect(await injectedImages()).toBe(0);

    await page.getByRole('link', { name: MARKUP_NAME }).click();
    await page.getByRole('heading', { level: 1, name: MARKUP_NAME }).waitFor();
    expect(await injectedImages()).toBe(0);
  });

  it('opened no dialog and raised no page errors', async () => {
    // give a handler that slipped through every chance to run
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
