import { afterEach, describe, expect, it } from 'vitest';
import { OFFLINE_WILL_PAYLOAD, decodeReadingsMessage, statusMessageSchema } from '@rpm/contracts';
import { measureVitals } from '../physiology/measure-vitals.ts';
import { createSimulatedPatient } from '../physiology/simulated-patient.ts';
import { startTestBroker, waitFor, type ReceivedPublish, type TestBroker } from '../testing/start-test-broker.ts';
import { resolveCadence, typesDue } from './cadence.ts';
import { SimulatedDevice, type SimulatedDeviceOptions } from './simulated-device.ts';

const DEVICE_ID = 'dev-int-1';
const SECRET = 's3cret-int-1';
const credentials = new Map([[DEVICE_ID, SECRET]]);

const patient = createSimulatedPatient({ seed: 11, profile: 'desaturating' });
const cadence = resolveCadence();

let brokers: TestBroker[] = [];
let devices: SimulatedDevice[] = [];
afterEach(async () => {
  await Promise.all(devices.map((d) => d.stop()));
  await Promise.all(brokers.map((b) => b.close()));
  brokers = [];
  devices = [];
});

async function broker(port?: number): Promise<TestBroker> {
  const started = await startTestBroker({ credentials, ...(port === undefined ? {} : { port }) });
  brokers.push(started);
  return started;
}

function device(mqttUrl: string, overrides: Partial<SimulatedDeviceOptions> = {}): SimulatedDevice {
  const created = new SimulatedDevice({
    mqttUrl,
    deviceId: DEVICE_ID,
    secret: SECRET,
    intervalMs: 30,
    measure: (tick, atMs) => measureVitals(patient, typesDue(cadence, tick), atMs),
    backoff: { initialDelayMs: 40, maxDelayMs: 200 },
    stopTimeoutMs: 2_000,
    ...overrides,
  });
  devices.push(created);
  return created;
}

const seqs = (messages: readonly ReceivedPublish[]): number[] => messages.map((m) => m.seq ?? -1);
const offlineStatuses = (b: TestBroker): number =>
  b.received.filter((m) => m.kind === 'status' && m.payload === OFFLINE_WILL_PAYLOAD).length;

describe('SimulatedDevice against a real broker (aedes)', () => {
  it('announces itself, publishes numbered valid readings and clears each from the outbox on PUBACK', async () => {
    const b = await broker();
    const d = device(b.url);
    d.start();
    await waitFor(() => b.acknowledged.length >= 10, '10 acknowledged messages');
    await waitFor(() => d.stats().pending === 0, 'an empty outbox');

    const [first] = b.received;
    expect(first?.kind).toBe('status');
    const status = statusMessageSchema.parse(JSON.parse(first?.payload ?? ''));
    expect(status.online).toBe(true);
    expect(status.firmware).toBeTypeOf('string');
    expect(status.battery).toBeTypeOf('number');
    expect(Math.abs(Date.parse(status.clock ?? '') - Date.now())).toBeLessThan(5_000);

    const readings = b.received.filter((m) => m.kind === 'readings');
    const numbers = seqs(readings);
    expect(numbers.slice(0, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const m of readings) {
      const decoded = decodeReadingsMessage(Buffer.from(m.payload));
      expect(decoded.ok && decoded.rejected.length === 0 && decoded.accepted.length > 0).toBe(true);
    }
    const stats = d.stats();
    expect(stats.acknowledged).toBeGreaterThanOrEqual(10);
    expect(stats.failed).toBe(0);
    expect(stats.connected).toBe(true);
    expect(stats.connects).toBe(1);
  });

  it('says goodbye with {"online":false} and disconnects cleanly, so the broker does not publish the will', async () => {
    const b = await broker();
    const d = device(b.url);
    d.start();
    await waitFor(() => b.acknowledged.length >= 3, '3 acknowledged messages');
    await d.stop();
    await new Promise((resolve) => setTimeout(resolve, 200)); // a will would be published by now
    expect(offlineStatuses(b)).toBe(1);
    expect(b.received.at(-1)?.payload).toBe(OFFLINE_WILL_PAYLOAD);
    const stats = d.stats();
    expect(stats.connected).toBe(false);
    expect(stats.pending).toBe(0);
    expect(stats.acknowledged).toBe(stats.created);
  });

  it('leaves a will that the broker publishes when the connection drops without DISCONNECT, then reconnects', async () => {
    const b = await broker();
    const d = device(b.url);
    d.start();
    await waitFor(() => b.acknowledged.length >= 2, '2 acknowledged messages');
    b.kick(DEVICE_ID);
    await waitFor(() => offlineStatuses(b) === 1, 'the will');
    await waitFor(() => d.stats().connects === 2, 'a reconnect');
    await waitFor(
      () => b.received.filter((m) => m.kind === 'status' && m.payload.includes('"online":true')).length === 2,
      'a second online status',
    );
  });

  it('keeps measuring while refused and reports why', async () => {
    const b = await broker();
    const d = device(b.url, { secret: 'wrong-secret' });
    d.start();
    await waitFor(() => d.stats().created >= 5, '5 measured messages');
    const stats = d.stats();
    expect(stats).toMatchObject({ connected: false, acknowledged: 0, connects: 0 });
    expect(stats.pending).toBe(stats.created);
    expect(stats.lastError).toMatch(/refused: Not authorized/i);
    expect(b.received).toHaveLength(0);
  });

  it('keeps unacknowledged messages across a broker restart and resends them: no message lost', async () => {
    const first = await broker();
    const d = device(first.url);
    d.start();
    await waitFor(() => first.acknowledged.length >= 5, '5 acknowledged messages');

    // The gateway stalls: messages arrive but get no PUBACK, so they stay in flight on the device.
    first.holdReadings = true;
    await waitFor(() => first.held.length >= 3, '3 messages held without PUBACK');
    expect(d.stats().pending).toBeGreaterThanOrEqual(3);

    // The broker goes away; the device keeps measuring into its outbox.
    await first.close();
    brokers = brokers.filter((b) => b !== first);
    await waitFor(() => !d.stats().connected, 'the device to notice');
    const pendingAtOutage = d.stats().pending;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(d.stats().pending).toBeGreaterThan(pendingAtOutage);

    // A new broker on the same port: the device reconnects on its own and delivers the backlog.
    const second = await broker(first.port);
    await waitFor(() => d.stats().connected && d.stats().pending <= 1, 'the backlog to drain', 15_000);
    await d.stop();

    const stats = d.stats();
    expect(stats).toMatchObject({ pending: 0, dropped: 0, connected: false });
    expect(stats.acknowledged).toBe(stats.created);
    expect(stats.connects).toBeGreaterThanOrEqual(2);

    // Every seq from 1 to the last arrived and was acknowledged by one broker or the other.
    const delivered = new Set([...seqs(first.acknowledged), ...seqs(second.acknowledged)]);
    const all = Array.from({ length: stats.lastSeq ?? 0 }, (_, i) => i + 1);
    expect(all.filter((seq) => !delivered.has(seq))).toEqual([]);
    // The held messages (no PUBACK from the first broker) were sent again to the second.
    const resent = new Set(seqs(second.acknowledged));
    expect(seqs(first.held).filter((seq) => !resent.has(seq))).toEqual([]);
    // ... and the second broker saw the backlog in order.
    const arrival = seqs(second.received.filter((m) => m.kind === 'readings'));
    expect(arrival).toEqual([...arrival].sort((a, b) => a - b));
  });
});
