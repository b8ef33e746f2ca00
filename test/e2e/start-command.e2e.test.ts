import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../harness/api-client.ts';
import { eventually } from '../harness/eventually.ts';
import { freePort } from '../harness/free-port.ts';
import { startPlatformProcess, type PlatformProcess } from '../harness/platform-process.ts';

const processesUsing = (dir: string): string => {
  try {
    return execFileSync('pgrep', ['-af', dir], { encoding: 'utf8' }).trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
};

/**
 * `npm start` runs `node server/src/main.ts`: the whole platform with its own InfluxDB and a demo fleet, and a clean
 * stop on SIGTERM that takes the managed influxd down too.
 */
describe('the start command', () => {
  let platform: PlatformProcess | undefined;
  let dataDir = '';

  afterAll(async () => {
    platform?.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts everything with a demo fleet, prints the logins, and stops cleanly', { timeout: 120_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rpm-start-'));
    const [http, mqtt] = [await freePort(), await freePort()];
    platform = await startPlatformProcess({
      RPM_DATA_DIR: dataDir,
      RPM_HTTP_PORT: String(http),
      RPM_MQTT_PORT: String(mqtt),
      RPM_SIM_DEVICES: '3',
      RPM_SIM_INTERVAL_MS: '500',
    });
    const p = platform;

    const banner = await eventually(() => (/nurse \/ (\S+)/.test(p.output()) ? p.output() : undefined), 20_000, 'the banner');
    expect(banner).toContain(`Dashboard       http://127.0.0.1:${http}/`);
    expect(banner).toContain(`MQTT devices    mqtt://127.0.0.1:${mqtt}`);
    expect(banner).toMatch(/InfluxDB +http:\/\/127\.0\.0\.1:\d+ +\(managed by the platform\)/);
    const adminPassword = /admin \/ (\S+)/.exec(banner)?.[1] ?? '';
    expect(adminPassword.length).toBeGreaterThanOrEqual(12);
    expect(processesUsing(dataDir)).toContain('influxd');

    // the demo fleet is provisioned through the API and its readings arrive
    const admin = await new ApiClient(p.httpUrl).login('admin', adminPassword);
    const { patients } = await admin.expect<{ patients: { id: string }[] }>(200, 'GET', '/patients');
    expect(patients).toHaveLength(3);
    const firstPatient = patients[0]?.id ?? '';
    await eventually(
      async () => {
        const { readings } = await admin.expect<{ readings: unknown[] }>(200, 'GET', `/patients/${firstPatient}/vitals`);
        return readings.length > 0 ? true : undefined;
      },
      30_000,
      'demo readings in InfluxDB',
    );
    expect((await fetch(`${p.httpUrl}/`)).headers.get('content-security-policy')).toContain("script-src 'self'");

    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(processesUsing(dataDir)).toBe('');
  });
});
