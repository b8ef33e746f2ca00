import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceTopics } from '@rpm/contracts';
import { eventually } from '../harness/eventually.ts';
import { startMosquitto, type TestMosquitto } from '../harness/mosquitto.ts';
import { OracleDevice } from '../harness/oracle-device.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { provisionDevice, type ProvisionedDevice } from '../harness/provision.ts';
import { startRestartableInfluxd, type RestartableInfluxd } from '../harness/restartable-influxd.ts';
import { checkOracle, quarantined, storedSeqs } from '../harness/stored-seqs.ts';

const GATEWAY = { username: 'rpm-gateway', password: 'gateway-secret-for-tests' };

/**
 * External-broker mode (docs/external-broker.md): devices connect to Debian's mosquitto with their own credentials
 * and ACL; the gateway is an mqtt.js subscriber with a fixed client id and a persistent session, acknowledging a
 * message to mosquitto only once the spool has it. The oracle counts mosquitto's PUBACKs to the device: every one of
 * them must end up in InfluxDB once, through an InfluxDB outage, a broker restart and a gateway restart.
 */
describe('external-broker mode against mosquitto', () => {
  let influx: RestartableInfluxd;
  let broker: TestMosquitto;
  let platform: TestPlatform;
  let provisioned: ProvisionedDevice;

  const connectDevice = (id: string, secret: string) =>
    mqtt.connectAsync(broker.url, {
      clientId: id,
      username: id,
      password: secret,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: 5_000,
      protocolVersion: 4,
    });

  // two readings half a minute apart: the SpO2 rules confirm by re-measurement before they page
  const mqttReadings = (seq: number, value: number) =>
    JSON.stringify({
      seq,
      readings: [-30_000, 0].map((ago) => ({ type: 'spo2', at: new Date(Date.now() + ago).toISOString(), unit: '%', value })),
    });

  beforeAll(async () => {
    influx = await startRestartableInfluxd();
    broker = await startMosquitto({ gatewayUser: GATEWAY });
    platform = await startTestPlatform(influx.url, {
      RPM_EXTERNAL_BROKER_URL: broker.url,
      RPM_EXTERNAL_BROKER_USERNAME: GATEWAY.username,
      RPM_EXTERNAL_BROKER_PASSWORD: GATEWAY.password,
      RPM_EXTERNAL_BROKER_CLIENT_ID: 'rpm-gateway-test',
      RPM_INFLUX_RETRY_MAX_MS: '2000',
    });
    provisioned = await provisionDevice(platform.admin, 'External broker patient', ['kidney_transplant']);
    await broker.addDevice(provisioned.deviceId, provisioned.secret);
  });

  afterAll(async () => {
    await platform.stop();
    await broker.stop();
    await influx.stop();
  });

  it('starts no broker of its own and reports the subscriber connections as the broker check', async () => {
    expect(platform.started.addresses.mqttUrl).toBe(broker.url);
    const ready = (await (await fetch(`${platform.httpUrl}/readyz`)).json()) as { checks: Record<string, boolean> };
    expect(ready.checks).toMatchObject({ broker: true, influx: true, spool: true });
  });

  it('takes a reading published to mosquitto into InfluxDB and raises the alert', async () => {
    const device = await connectDevice(provisioned.deviceId, provisioned.secret);
    await device.publishAsync(deviceTopics.readings(provisioned.deviceId), mqttReadings(1, 85), { qos: 1 });
    await device.endAsync();
    await eventually(async () => ((await storedSeqs(influx.url, provisioned.deviceId)).has(1) ? true : undefined), 15_000, 'stored');
    const alerts = await platform.admin.expect<{ alerts: { patientId: string; ruleId: string }[] }>(200, 'GET', '/alerts');
    expect(alerts.alerts.some((a) => a.patientId === provisioned.patientId && a.ruleId === 'spo2_very_low')).toBe(true);
  });

  it('relies on the broker for identity: a wrong secret is refused, a foreign topic never arrives', async () => {
    await expect(connectDevice(provisioned.deviceId, 'not-the-secret')).rejects.toThrow(/Not authorized/);
    const other = await provisionDevice(platform.admin, 'Second external patient');
    await broker.addDevice(other.deviceId, other.secret);
    const intruder = await connectDevice(other.deviceId, other.secret);
    // mosquitto 2.0 drops a publish its ACL denies (and closes a 3.1.1 connection that tries): it never reaches us
    const closed = new Promise<void>((resolve) => intruder.once('close', () => resolve()));
    intruder.publish(deviceTopics.readings(provisioned.deviceId), mqttReadings(999, 97), { qos: 1 });
    await Promise.race([closed, new Promise((r) => setTimeout(r, 2_000))]);
    intruder.end(true);
    const honest = await connectDevice(other.deviceId, other.secret);
    await honest.publishAsync(deviceTopics.readings(other.deviceId), mqttReadings(7, 97), { qos: 1 });
    await honest.endAsync();
    await eventually(async () => ((await storedSeqs(influx.url, other.deviceId)).has(7) ? true : undefined), 15_000, 'own topic stored');
    expect((await storedSeqs(influx.url, provisioned.deviceId)).has(999)).toBe(false);
    expect(await quarantined(platform)).toEqual([]);
  });

  it('quarantines a device the broker knows but the platform does not, and invalid payloads, with their reasons', async () => {
    await broker.addDevice('dev-unknown-to-platform', 'its-broker-secret');
    const stranger = await connectDevice('dev-unknown-to-platform', 'its-broker-secret');
    await stranger.publishAsync(deviceTopics.readings('dev-unknown-to-platform'), mqttReadings(1, 97), { qos: 1 });
    await stranger.endAsync();
    const device = await connectDevice(provisioned.deviceId, provisioned.secret);
    await device.publishAsync(deviceTopics.readings(provisioned.deviceId), '{"seq": 2, "readings": [', { qos: 1 });
    await device.endAsync();
    await eventually(
      async () => {
        const reasons = await quarantined(platform);
        return reasons.some((r) => r.startsWith('TOPIC_INVALID: no active device')) && reasons.some((r) => r.startsWith('PAYLOAD_NOT_JSON'))
          ? reasons
          : undefined;
      },
      15_000,
      'both refusals quarantined',
    );
  });

  it(
    'loses nothing mosquitto acknowledged through a 65 s InfluxDB outage, a broker restart and a gateway restart',
    { timeout: 240_000 },
    async () => {
      const oracleDevice = await provisionDevice(platform.admin, 'External oracle patient');
      await broker.addDevice(oracleDevice.deviceId, oracleDevice.secret);
      const device = new OracleDevice({
        mqttPort: broker.port,
        deviceId: oracleDevice.deviceId,
        secret: oracleDevice.secret,
        startAt: Date.now(),
      });
      await device.connect();
      try {
        device.startSteady(20);
        await new Promise((r) => setTimeout(r, 2_000));

        await influx.pause();
        await new Promise((r) => setTimeout(r, 30_000));
        // the broker restarts mid-outage: mosquitto persists its queue, both sides reconnect
        await broker.restart();
        await new Promise((r) => setTimeout(r, 5_000));
        // the gateway restarts too: its persistent session makes mosquitto queue the messages meanwhile
        platform = await platform.restart();
        await new Promise((r) => setTimeout(r, 30_000));
        const ready = (await (await fetch(`${platform.httpUrl}/readyz`)).json()) as { checks: Record<string, boolean> };
        expect(ready.checks).toMatchObject({ influx: false, broker: true, spool: true });
        const ackedDuringOutage = device.acked.size;

        await influx.resume();
        await new Promise((r) => setTimeout(r, 3_000));
        device.stopSteady();
        await eventually(() => (device.unacknowledged === 0 ? true : undefined), 30_000, 'every publish acknowledged');
        await eventually(
          async () => {
            const m = await (await fetch(`${platform.httpUrl}/metrics`)).text();
            const { missing } = await checkOracle(influx.url, oracleDevice.deviceId, device.acked);
            return /^rpm_spool_messages 0$/m.test(m) && missing.length === 0 ? true : undefined;
          },
          90_000,
          'the spool to drain and every acknowledged reading to be stored',
        );

        expect(ackedDuringOutage).toBeGreaterThan(20 * 50);
        const { missing, repeated } = await checkOracle(influx.url, oracleDevice.deviceId, device.acked);
        expect(missing).toEqual([]);
        expect(repeated).toEqual([]);
        expect(device.acked.size).toBe(device.published.size);
      } finally {
        await device.close();
      }
    },
  );
});
