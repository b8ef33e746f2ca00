import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../harness/eventually.ts';
import { startFaultRig, type FaultRig } from '../harness/fault-rig.ts';
import { influxQuery } from '../harness/restartable-influxd.ts';
import { checkOracle, quarantined } from '../harness/stored-seqs.ts';

const MINUTE = 60_000;

/**
 * Fault: the same message replayed three times, and an hour-long store-and-forward backlog interleaved with live
 * data. Each reading is stored once, with its original measurement time.
 */
describe('replays and a backlog interleaved with live data', () => {
  let rig: FaultRig;

  beforeAll(async () => {
    // the device was registered yesterday and has been offline for the last hour
    rig = await startFaultRig({ registeredAgoMs: 24 * 60 * MINUTE });
  });

  afterAll(() => rig.stop());

  it('stores a thrice-replayed hour of readings once, at their measurement times, between live messages', { timeout: 60_000 }, async () => {
    const { influx, platform, device, provisioned: d } = rig;
    const backlogStart = Math.floor((Date.now() - 60 * MINUTE) / MINUTE) * MINUTE;
    const backlog = Array.from({ length: 60 }, (_, i) => [
      { type: 'spo2', at: new Date(backlogStart + i * MINUTE).toISOString(), unit: '%', value: 95 + (i % 4) },
      { type: 'heart_rate', at: new Date(backlogStart + i * MINUTE).toISOString(), unit: '/min', value: 70 + (i % 9) },
    ]).flat();
    const backlogSeq = 1_000_000;
    const payload = JSON.stringify({ seq: backlogSeq, readings: backlog });

    device.startSteady(20);
    for (let replay = 0; replay < 3; replay++) {
      await new Promise((r) => setTimeout(r, 400));
      device.publishRaw(backlogSeq, payload);
    }
    await new Promise((r) => setTimeout(r, 400));
    device.stopSteady();
    await eventually(() => (device.unacknowledged === 0 ? true : undefined), 20_000, 'every publish acknowledged');

    const metrics = await eventually(
      async () => {
        const m = await (await fetch(`${platform.httpUrl}/metrics`)).text();
        return /^rpm_spool_messages 0$/m.test(m) ? m : undefined;
      },
      20_000,
      'the spool to drain',
    );
    expect(/^rpm_gateway_duplicates_total (\d+)$/m.exec(metrics)?.[1]).toBe('2');

    const spo2 = await influxQuery(influx.url, `SELECT value, seq FROM vitals WHERE device_id = '${d.deviceId}' AND type = 'spo2'`);
    expect(spo2.map((row) => row[0])).toEqual(backlog.filter((r) => r.type === 'spo2').map((r) => Date.parse(r.at)));
    expect(spo2.every((row) => row[2] === backlogSeq)).toBe(true);
    const heart = await influxQuery(
      influx.url,
      `SELECT count(value) FROM vitals WHERE device_id = '${d.deviceId}' AND type = 'heart_rate'`,
    );
    // 60 backlog heart rates plus one per live message
    expect(heart[0]?.[1]).toBe(60 + device.acked.size - 1);

    const live = new Set([...device.acked].filter((s) => s !== backlogSeq));
    expect((await checkOracle(influx.url, d.deviceId, live)).missing).toEqual([]);
    expect(await quarantined(platform)).toEqual([]);
  });
});
