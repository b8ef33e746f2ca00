import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../harness/eventually.ts';
import { startFaultRig, type FaultRig } from '../harness/fault-rig.ts';
import { checkOracle, quarantined } from '../harness/stored-seqs.ts';

/**
 * Fault: InfluxDB stopped for over 60 s under steady load, then started again. Devices keep being acknowledged
 * (the spool holds the readings), nothing acknowledged is missing afterwards, and the spool drains.
 */
describe('InfluxDB outage under steady load', () => {
  let rig: FaultRig;

  beforeAll(async () => {
    rig = await startFaultRig({ env: { RPM_INFLUX_RETRY_MAX_MS: '2000' } });
  });

  afterAll(() => rig.stop());

  it(
    'keeps acknowledging while InfluxDB is down for 65 s, and stores every acknowledged reading once afterwards',
    { timeout: 180_000 },
    async () => {
      const { influx, platform, device } = rig;
      device.startSteady(20);
      await new Promise((r) => setTimeout(r, 3_000));
      const ackedBefore = device.acked.size;
      expect(ackedBefore).toBeGreaterThan(30);

      await influx.pause();
      await new Promise((r) => setTimeout(r, 65_000));
      // the spool took everything meanwhile: acknowledgements never stopped
      expect(device.acked.size - ackedBefore).toBeGreaterThan(20 * 55);
      const ready = (await (await fetch(`${platform.httpUrl}/readyz`)).json()) as { checks: Record<string, boolean> };
      expect(ready.checks).toMatchObject({ influx: false, spool: true, broker: true });
      const metrics = await (await fetch(`${platform.httpUrl}/metrics`)).text();
      expect(Number(/^rpm_spool_messages (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(1000);

      await influx.resume();
      await new Promise((r) => setTimeout(r, 3_000));
      device.stopSteady();
      await eventually(() => (device.unacknowledged === 0 ? true : undefined), 30_000, 'every publish acknowledged');
      await eventually(
        async () => {
          const m = await (await fetch(`${platform.httpUrl}/metrics`)).text();
          return /^rpm_spool_messages 0$/m.test(m) ? true : undefined;
        },
        60_000,
        'the spool to drain',
      );

      const { missing, repeated } = await checkOracle(influx.url, device.deviceIdForTests, device.acked);
      expect(missing).toEqual([]);
      expect(await quarantined(platform)).toEqual([]);
      expect(repeated).toEqual([]);
      expect(device.acked.size).toBe(device.published.size);
    },
  );
});
