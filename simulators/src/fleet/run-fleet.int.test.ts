import { afterEach, describe, expect, it } from 'vitest';
import { OFFLINE_WILL_PAYLOAD, decodeReadingsMessage } from '@rpm/contracts';
import { startTestBroker, waitFor, type TestBroker } from '../testing/start-test-broker.ts';
import { runFleet, type FleetHandle } from './run-fleet.ts';

const devices = Array.from({ length: 8 }, (_, i) => ({ deviceId: `fleet-dev-${i}`, secret: `fleet-secret-${i}` }));
const credentials = new Map(devices.map((d) => [d.deviceId, d.secret]));

let broker: TestBroker | undefined;
let fleet: FleetHandle | undefined;
afterEach(async () => {
  await fleet?.stop();
  await broker?.close();
  fleet = undefined;
  broker = undefined;
});

describe('runFleet against a real broker (aedes)', () => {
  it('runs every device, delivers valid readings and stops cleanly (one offline status each, no will)', async () => {
    const b = (broker = await startTestBroker({ credentials }));
    const messages: string[] = [];
    const log = {
      info: (_o: object, m?: string) => messages.push(m ?? ''),
      warn: (_o: object, m?: string) => messages.push(`warn ${m ?? ''}`),
      error: (_o: object, m?: string) => messages.push(`error ${m ?? ''}`),
    };
    const f = (fleet = runFleet({ mqttUrl: b.url, devices, intervalMs: 50, seed: 3, desaturatingShare: 0.25, startSpreadMs: 100, log }));
    await waitFor(() => f.stats().connected === devices.length, 'every device connected');
    await waitFor(
      () => devices.every((d) => b.acknowledged.filter((m) => m.deviceId === d.deviceId).length >= 3),
      '3 messages from every device',
    );

    const stats = f.stats();
    expect(stats).toMatchObject({ devices: 8, desaturating: 2, failed: 0, dropped: 0 });
    for (const m of b.received.filter((r) => r.kind === 'readings')) {
      const decoded = decodeReadingsMessage(Buffer.from(m.payload));
      expect(decoded.ok && decoded.rejected.length === 0).toBe(true);
    }

    await f.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const d of devices) {
      const offline = b.received.filter((m) => m.deviceId === d.deviceId && m.kind === 'status' && m.payload === OFFLINE_WILL_PAYLOAD);
      expect(offline, d.deviceId).toHaveLength(1);
    }
    const final = f.stats();
    expect(final).toMatchObject({ connected: 0, pending: 0 });
    expect(final.acknowledged).toBe(final.created);
    expect(messages).toEqual(['simulated fleet starting', 'simulated fleet stopped']);
  });

  it('refuses options it cannot run', () => {
    expect(() => runFleet({ mqttUrl: 'mqtt://127.0.0.1:1', devices: [devices[0]!, devices[0]!] })).toThrow(/unique/);
    expect(() => runFleet({ mqttUrl: 'mqtt://127.0.0.1:1', devices, desaturatingShare: 2, intervalMs: 1 })).toThrow(
      /intervalMs.*desaturatingShare/,
    );
  });
});
