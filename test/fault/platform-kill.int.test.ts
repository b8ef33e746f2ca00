import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../harness/api-client.ts';
import { eventually } from '../harness/eventually.ts';
import { freePort } from '../harness/free-port.ts';
import { OracleDevice } from '../harness/oracle-device.ts';
import { startPlatformProcess, type PlatformProcess } from '../harness/platform-process.ts';
import { provisionDevice } from '../harness/provision.ts';
import { checkOracle, quarantined } from '../harness/stored-seqs.ts';

const ADMIN_PASSWORD = 'admin-password-for-kill-test';

/**
 * Fault: the platform process is killed with SIGKILL mid-stream and started again. Every reading the device got a
 * PUBACK for is in InfluxDB afterwards, once. The managed influxd the dead process left running is stopped and
 * replaced by the new one.
 */
describe('platform killed with SIGKILL mid-stream', () => {
  let dataDir = '';
  let platform: PlatformProcess | undefined;
  let device: OracleDevice | undefined;

  afterAll(async () => {
    await device?.close();
    platform?.child.kill('SIGTERM');
    await platform?.exited;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses nothing acknowledged', { timeout: 150_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rpm-kill-'));
    const env = {
      RPM_DATA_DIR: dataDir,
      RPM_HTTP_PORT: String(await freePort()),
      RPM_MQTT_PORT: String(await freePort()),
      RPM_INFLUXD_PORT: String(await freePort()),
      RPM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      RPM_SIM_DEVICES: '0',
    };
    const influxUrl = `http://127.0.0.1:${env.RPM_INFLUXD_PORT}`;
    platform = await startPlatformProcess(env);
    const admin = await new ApiClient(platform.httpUrl).login('admin', ADMIN_PASSWORD);
    const d = await provisionDevice(admin);
    device = new OracleDevice({ mqttPort: Number(env.RPM_MQTT_PORT), deviceId: d.deviceId, secret: d.secret, startAt: Date.now() });
    await device.connect();

    device.startSteady(100);
    await new Promise((r) => setTimeout(r, 3_000));
    platform.child.kill('SIGKILL');
    expect(await platform.exited).toBe('SIGKILL');
    const ackedAtKill = device.acked.size;
    expect(ackedAtKill, platform.output()).toBeGreaterThan(100);

    platform = await startPlatformProcess(env);
    await new Promise((r) => setTimeout(r, 3_000));
    device.stopSteady();
    await eventually(() => (device?.unacknowledged === 0 ? true : undefined), 60_000, 'every publish acknowledged after the restart');
    expect(device.acked.size).toBeGreaterThan(ackedAtKill);

    const p = platform;
    await eventually(
      async () => (/^rpm_spool_messages 0$/m.test(await (await fetch(`${p.httpUrl}/metrics`)).text()) ? true : undefined),
      60_000,
      'the spool to drain',
    );
    const { missing, repeated } = await checkOracle(influxUrl, d.deviceId, device.acked);
    expect(missing).toEqual([]);
    expect(repeated).toEqual([]);
    expect(await quarantined({ admin })).toEqual([]);
    // exactly one influxd serves the data directory: the orphan was stopped
    expect(execFileSync('pgrep', ['-fc', join(dataDir, 'influxdb')], { encoding: 'utf8' }).trim()).toBe('1');
  });
});
