import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../harness/eventually.ts';
import { startFaultRig, type FaultRig } from '../harness/fault-rig.ts';
import { checkOracle } from '../harness/stored-seqs.ts';

/**
 * Fault: the spool reaches its size bound (a small bound here, as when the disk fills) while InfluxDB is down.
 * PUBACKs stop instead of readings being dropped, /readyz says degraded, and nothing is lost once space returns.
 */
describe('spool full', () => {
  let rig: FaultRig;

  beforeAll(async () => {
    rig = await startFaultRig({ env: { RPM_SPOOL_MAX_BYTES: '8000', RPM_INFLUX_RETRY_MAX_MS: '1000' } });
  });

  afterAll(() => rig.stop());

  it('stops acknowledging when full, reports degraded, and delivers everything once space returns', { timeout: 90_000 }, async () => {
    const { influx, platform, device } = rig;
    await influx.pause();
    device.startSteady(20);
    // ~70 bytes a message: the 8,000-byte spool fills within seconds
    await eventually(() => (device.unacknowledged > 20 ? true : undefined), 30_000, 'acknowledgements to stop');
    const ready = await fetch(`${platform.httpUrl}/readyz`);
    expect(ready.status).toBe(503);
    const metricsNow = await (await fetch(`${platform.httpUrl}/metrics`)).text();
    expect(
      ((await ready.json()) as { status: string; checks: Record<string, boolean> }).checks,
      metricsNow
        .split('\n')
        .filter((l) => /^rpm_(spool|gateway)/.test(l))
        .join('\n'),
    ).toMatchObject({ spool: false });
    const ackedWhileFull = device.acked.size;
    await new Promise((r) => setTimeout(r, 1500));
    expect(device.acked.size).toBe(ackedWhileFull);
    device.stopSteady();

    await influx.resume();
    await eventually(() => (device.unacknowledged === 0 ? true : undefined), 45_000, 'every publish acknowledged once space returned');
    await eventually(async () => ((await fetch(`${platform.httpUrl}/readyz`)).status === 200 ? true : undefined), 20_000, 'ready again');
    await eventually(
      async () => (/^rpm_spool_messages 0$/m.test(await (await fetch(`${platform.httpUrl}/metrics`)).text()) ? true : undefined),
      20_000,
      'drained',
    );
    const { missing } = await checkOracle(influx.url, device.deviceIdForTests, device.acked);
    expect(missing).toEqual([]);
    expect(device.acked.size).toBe(device.published.size);
  });
});
