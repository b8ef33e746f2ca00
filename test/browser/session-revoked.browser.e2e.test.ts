import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type User } from '@rpm/contracts';
import { launchChromium } from '../harness/browser.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { provisionDevice } from '../harness/provision.ts';

const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

/**
 * An administrator disables a clinician who has the dashboard open (docs/security.md "Disabling a user"): the server
 * revokes the session and sends `session:ended` with reason `revoked`; the page goes back to sign-in at once and says
 * the session was ended — not that it expired, which would send the clinician looking at the clock.
 */
describe('a clinician disabled while signed in, in Chromium', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  let nurse: User;

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url, { RPM_DASHBOARD_DIR: DASHBOARD_DIR });
    const d = await provisionDevice(platform.admin, 'Patient R', ['kidney_transplant']);
    nurse = await platform.admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.r',
      password: 'nurse-password-r',
      displayName: 'Nurse R',
      role: 'clinician',
      teamId: d.teamId,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    page.setDefaultTimeout(5000);
  });

  afterAll(async () => {
    await browser.close();
    await platform.stop();
    await influx.stop();
  });

  it('returns to sign-in with "session was ended" when an administrator disables the account', async () => {
    await page.goto(`${platform.httpUrl}/`);
    await page.getByLabel('Username').fill('nurse.r');
    await page.getByLabel('Password').fill('nurse-password-r');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Alert queue' }).waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Live');

    await platform.admin.expect(200, 'POST', `/users/${nurse.id}/disable`);

    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain('Your session was ended');

    await page.getByLabel('Username').fill('nurse.r');
    await page.getByLabel('Password').fill('nurse-password-r');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('heading', { name: 'Alert queue' }).count()).resolves.toBe(0);
  });
});
