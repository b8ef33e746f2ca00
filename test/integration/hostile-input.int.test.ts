import { connect as connectTcp } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import {
  EXAMPLE_AT,
  MESSAGE_REJECTION_EXAMPLES,
  READING_REJECTION_EXAMPLES,
  deviceTopics,
  type QuarantineEntry,
  type RejectionReason,
} from '@rpm/contracts';
import { eventually } from '../harness/eventually.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { OracleDevice } from '../harness/oracle-device.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { provisionDevice, type ProvisionedDevice } from '../harness/provision.ts';
import { influxQuery } from '../harness/restartable-influxd.ts';

/**
 * The malformed-input corpus through the real gateway: every case is refused with its reason and quarantined,
 * nothing invalid reaches InfluxDB, the gateway stays up, and a well-behaved device publishing meanwhile is not
 * slowed down.
 */
describe('hostile input through the gateway', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let d: ProvisionedDevice;
  let client: mqtt.MqttClient;
  let bystander: OracleDevice;
  const bystanderLatencies: number[] = [];
  let seq = 0;

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    d = await provisionDevice(platform.admin, 'Hostile');
    // the corpus' measurement time is 2026-11-20: the device has been registered since before then
    await platform.platform.httpServer?.ctx.db
      .updateTable('devices')
      .set({ registered_at: Date.parse('2026-01-01T00:00:00Z') })
      .where('id', '=', d.deviceId)
      .execute();
    client = await connectDevice(d.deviceId, d.secret);
    const other = await provisionDevice(platform.admin, 'Bystander');
    bystander = new OracleDevice({ mqttPort: platform.mqttPort, deviceId: other.deviceId, secret: other.secret, startAt: Date.now() });
    await bystander.connect();
  });

  afterAll(async () => {
    bystander.stopSteady();
    await bystander.close();
    await client.endAsync(true);
    await platform.stop();
    await influx.stop();
  });

  function connectDevice(clientId: string, password: string, username = clientId): Promise<mqtt.MqttClient> {
    return mqtt.connectAsync(`mqtt://127.0.0.1:${platform.mqttPort}`, {
      clientId,
      username,
      password,
      reconnectPeriod: 0,
      connectTimeout: 3000,
    });
  }

  async function newestQuarantine(): Promise<QuarantineEntry | undefined> {
    const { entries } = await platform.admin.expect<{ entries: QuarantineEntry[] }>(200, 'GET', '/quarantine?limit=1');
    return entries[0];
  }

  async function publishAndExpect(payload: string | Buffer, reason: RejectionReason): Promise<void> {
    const before = await newestQuarantine();
    await client.publishAsync(deviceTopics.readings(d.deviceId), payload, { qos: 1 });
    const entry = await eventually(async () => {
      const e = await newestQuarantine();
      return e !== undefined && e.at !== before?.at ? e : undefined;
    }, 5000);
    expect(entry.reason).toBe(reason);
    expect(entry.deviceId).toBe(d.deviceId);
  }

  it('a well-behaved device keeps publishing meanwhile', () => {
    const timer = setInterval(() => {
      const started = performance.now();
      const n = bystander.publishNext();
      const poll = setInterval(() => {
        if (bystander.acked.has(n)) {
          bystanderLatencies.push(performance.now() - started);
          clearInterval(poll);
        }
      }, 2);
    }, 50);
    afterAll(() => clearInterval(timer));
  });

  it.each(MESSAGE_REJECTION_EXAMPLES.filter((c) => c.reason !== 'PAYLOAD_TOO_LARGE'))(
    'message $name → $reason',
    async ({ payload, reason }) => {
      await publishAndExpect(typeof payload === 'string' ? payload : Buffer.from(payload), reason);
    },
  );

  it.each(READING_REJECTION_EXAMPLES)('reading $name → $reason, the valid reading beside it kept', async ({ reading, raw, reason }) => {
    seq++;
    const good = JSON.stringify({
      type: 'heart_rate',
      at: new Date(Date.parse(EXAMPLE_AT) + seq * 1000).toISOString(),
      unit: '/min',
      value: 70,
    });
    await publishAndExpect(`{"seq":${seq},"readings":[${good},${raw ?? JSON.stringify(reading)}]}`, reason);
  });

  it('stored only the valid readings', async () => {
    const rows = await eventually(async () => {
      const r = await influxQuery(influx.url, `SELECT count(value) FROM vitals WHERE device_id = '${d.deviceId}'`);
      return r[0]?.[1] === seq ? r : undefined;
    }, 10_000);
    expect(rows[0]?.[1]).toBe(seq);
  });

  it('refuses retained publishes and topics outside the device’s own', async () => {
    const valid = JSON.stringify({
      seq: 999_001,
      readings: [{ type: 'heart_rate', at: new Date().toISOString(), unit: '/min', value: 70 }],
    });
    const before = await newestQuarantine();
    await client.publishAsync(deviceTopics.readings(d.deviceId), valid, { qos: 1, retain: true });
    const retained = await eventually(async () => {
      const n = await newestQuarantine();
      return n?.at !== before?.at ? n : undefined;
    });
    expect(retained.reason).toBe('RETAIN_REFUSED');
    for (const topic of [
      `rpm/v1/devices/${d.deviceId}/readings/deeper/still`,
      `rpm/v1/devices/${d.deviceId}/commands`,
      'rpm/v1/other',
      `${'a/'.repeat(50)}x`,
    ]) {
      const prev = await newestQuarantine();
      await client.publishAsync(topic, valid, { qos: 1 });
      const e = await eventually(async () => {
        const n = await newestQuarantine();
        return n?.at !== prev?.at ? n : undefined;
      });
      expect(e.reason).toBe('TOPIC_INVALID');
    }
  });

  it('closes the connection of a device publishing as another device', async () => {
    const attacker = await connectDevice(d.deviceId, d.secret);
    const closed = new Promise<void>((resolve) => attacker.once('close', () => resolve()));
    attacker.publish(deviceTopics.readings('dev-someoneelse'), '{"seq":1,"readings":[]}', { qos: 1 });
    await closed;
    attacker.end(true);
    client = await connectDevice(d.deviceId, d.secret);
  });

  it('refuses wildcard, $SYS and foreign subscriptions', async () => {
    for (const filter of [
      '#',
      '+/+/+/+/readings',
      '$SYS/#',
      deviceTopics.readings('dev-someoneelse'),
      deviceTopics.commands('dev-someoneelse'),
    ]) {
      // SUBACK 0x80: mqtt.js rejects the subscription
      await expect(client.subscribeAsync(filter, { qos: 1 })).rejects.toThrow(/Subscribe error/);
    }
    expect((await client.subscribeAsync(deviceTopics.commands(d.deviceId), { qos: 1 }))[0]?.qos).toBe(1);
  });

  it.each([
    ['control characters', 'dev\u0000\u0007abc'],
    ['10,000 characters', 'd'.repeat(10_000)],
    ['a homoglyph (Cyrillic а)', 'dev-\u0430bc123'],
    ['a wildcard', 'dev-+#'],
    ['a path', '../../etc'],
  ])('refuses a client id with %s', async (_name, clientId) => {
    await expect(connectDevice(clientId, d.secret, clientId)).rejects.toThrow();
  });

  it('refuses an oversize packet from its header, before buffering the payload', async () => {
    // a raw CONNECT, then a PUBLISH header announcing 200 MB; the gateway must close at once, not wait for 200 MB
    const socket = connectTcp(platform.mqttPort, '127.0.0.1');
    let closedAt: number | undefined;
    socket.once('close', () => (closedAt = performance.now()));
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const id = Buffer.from(d.deviceId);
    const secret = Buffer.from(d.secret);
    const variable = Buffer.concat([Buffer.from([0, 4]), Buffer.from('MQTT'), Buffer.from([4, 0xc2, 0, 30])]);
    const str = (b: Buffer): Buffer => Buffer.concat([Buffer.from([b.length >> 8, b.length & 255]), b]);
    const body = Buffer.concat([variable, str(id), str(id), str(secret)]);
    socket.write(Buffer.concat([Buffer.from([0x10, body.length]), body]));
    // CONNACK, return code 0 (accepted)
    await eventually(
      () =>
        Buffer.concat(received)
          .subarray(0, 4)
          .equals(Buffer.from([0x20, 2, 0, 0]))
          ? true
          : undefined,
      5000,
      'CONNACK',
    );
    expect(closedAt).toBeUndefined();
    // PUBLISH QoS 1, remaining length 200,000,000 (varint), then a few bytes of payload
    const sentAt = performance.now();
    socket.write(Buffer.from([0x32, 0x80, 0x84, 0xaf, 0x5f, 0, 5, 0x61, 0x62, 0x63, 0x64, 0x65]));
    const closedAfter = await eventually(() => (closedAt === undefined ? undefined : closedAt - sentAt), 5000, 'the connection to close');
    expect(closedAfter).toBeLessThan(2000);
    const metrics = await (await fetch(`${platform.httpUrl}/metrics`)).text();
    expect(Number(/^rpm_gateway_rejections_total\{reason="PAYLOAD_TOO_LARGE"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
  });

  it('closes sockets that never send CONNECT within seconds', async () => {
    const socket = connectTcp(platform.mqttPort, '127.0.0.1');
    const started = performance.now();
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(performance.now() - started).toBeLessThan(8000);
  }, 15_000);

  it('did not slow the well-behaved device, and is still up', async () => {
    expect(bystanderLatencies.length).toBeGreaterThan(20);
    const sorted = [...bystanderLatencies].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length * 0.99)]).toBeLessThan(1000);
    expect((await fetch(`${platform.httpUrl}/readyz`)).status).toBe(200);
  });
});
