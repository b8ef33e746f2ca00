import mqtt from 'mqtt';
import { deviceTopics } from '@rpm/contracts';
import type { TestPlatform } from './platform.ts';

export interface DeviceLogin {
  readonly deviceId: string;
  readonly secret: string;
}

/**
 * One device upload, as a home device makes it: connect with its credentials, publish one readings message with
 * QoS 1, wait for the PUBACK (the gateway has stored it), disconnect. `readings` are protocol v1 readings.
 */
export async function publishReadings(mqttPort: number, device: DeviceLogin, seq: number, readings: readonly object[]): Promise<void> {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
    clientId: device.deviceId,
    username: device.deviceId,
    password: device.secret,
    reconnectPeriod: 0,
  });
  try {
    await client.publishAsync(deviceTopics.readings(device.deviceId), JSON.stringify({ seq, readings }), { qos: 1 });
  } finally {
    await client.endAsync();
  }
}

/** Pretends the device was registered `agoMs` ago, so readings measured since then are accepted (store-and-forward tests). */
export async function backdateRegistration(platform: Pick<TestPlatform, 'platform'>, deviceId: string, agoMs: number): Promise<void> {
  const db = platform.platform.httpServer?.ctx.db;
  if (db === undefined) throw new Error('the platform is not running');
  await db
    .updateTable('devices')
    .set({ registered_at: Date.now() - agoMs })
    .where('id', '=', deviceId)
    .execute();
}
