import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../harness/api-client.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, TEST_ADMIN_PASSWORD, type TestPlatform } from '../harness/platform.ts';

/** Brute-force sign-in is slowed, then locked, even for the right password; others are not affected. */
describe('sign-in throttling', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    await platform.admin.expect(201, 'POST', '/users', {
      username: 'target',
      password: 'the-right-password',
      displayName: 'Target',
      role: 'clinician',
    });
  });

  afterAll(async () => {
    await platform.stop();
    await influx.stop();
  });

  it('answers 429 with Retry-After once the free failures are used up, and refuses even the right password', async () => {
    const anon = new ApiClient(platform.httpUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await anon.request('POST', '/auth/login', { username: 'target', password: `guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);

    const res = await fetch(`${platform.httpUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'target', password: 'the-right-password' }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await res.json()) as { code: string }).code).toBe('API_LOGIN_THROTTLED');
  });

  it('still lets another account sign in from elsewhere', async () => {
    // same address here (loopback), but the admin's own account: the address is slowed, not yet locked
    await new Promise((r) => setTimeout(r, 2100));
    const admin = await new ApiClient(platform.httpUrl).login('admin', TEST_ADMIN_PASSWORD);
    expect(admin.token).toBeDefined();
  });
});
