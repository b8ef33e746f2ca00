import mqtt from 'mqtt';
import { deviceTopics } from '@rpm/contracts';
import type { FleetDevice } from './bulk-fleet.ts';

export interface FiredProbe {
  readonly patientId: string;
  /** performance.now() just before the publish */
  readonly publishedAt: number;
  /** when its PUBACK came back (the reading is in the gateway's spool) */
  ackedAt: number | undefined;
}

/**
 * The alert probes: one device per probe patient (so every probe raises a new alert, never an update of an open
 * one), connected with mqtt.js in the benchmark process itself, so the publish time and the dashboard clients'
 * arrival times are read from the same clock.
 */
export class ProbeDevices {
  private readonly clients: mqtt.MqttClient[] = [];
  private readonly devices: readonly FleetDevice[];
  private next = 0;

  constructor(devices: readonly FleetDevice[]) {
    this.devices = devices;
  }

  async connect(mqttPort: number): Promise<void> {
    for (const d of this.devices) {
      this.clients.push(
        await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
          clientId: d.deviceId,
          username: d.deviceId,
          password: d.secret,
          clean: true,
          reconnectPeriod: 1_000,
          protocolVersion: 4,
        }),
      );
    }
  }

  get remaining(): number {
    return this.devices.length - this.next;
  }

  /**
   * Publishes an SpO2 of 82 % from the next unused probe device: NEWS2 scores it 3 on its own (RCP 2017 chart 1,
   * SpO2 scale 1 ≤ 91 %), which raises an alert on this single reading. Returns its patient and the publish time.
   */
  fire(): FiredProbe {
    const i = this.next++;
    const device = this.devices[i];
    const client = this.clients[i];
    if (device === undefined || client === undefined) throw new Error('no probe device left');
    const payload = JSON.stringify({ seq: 0, readings: [{ type: 'spo2', at: new Date().toISOString(), unit: '%', value: 82 }] });
    const probe: FiredProbe = { patientId: device.patientId, publishedAt: performance.now(), ackedAt: undefined };
    client.publish(deviceTopics.readings(device.deviceId), payload, { qos: 1 }, (error) => {
      // mqtt.js calls back with null (not undefined, as its types say) on success
      if (!(error instanceof Error)) probe.ackedAt = performance.now();
    });
    return probe;
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.endAsync(true)));
  }
}
