import { OracleDevice } from './oracle-device.ts';
import { startTestPlatform, type TestPlatform } from './platform.ts';
import { provisionDevice, type ProvisionedDevice } from './provision.ts';
import { startRestartableInfluxd, type RestartableInfluxd } from './restartable-influxd.ts';

export interface FaultRig {
  readonly influx: RestartableInfluxd;
  readonly platform: TestPlatform;
  readonly provisioned: ProvisionedDevice;
  /** connected, not yet publishing */
  readonly device: OracleDevice;
  stop(): Promise<void>;
}

export interface FaultRigOptions {
  /** extra RPM_* settings for the platform */
  readonly env?: Record<string, string>;
  /** pretend the device was registered this long ago (for backlogs older than the test) */
  readonly registeredAgoMs?: number;
}

/** A real InfluxDB that can be stopped, the platform in-process, and one registered oracle device, connected. */
export async function startFaultRig(options: FaultRigOptions = {}): Promise<FaultRig> {
  const influx = await startRestartableInfluxd();
  const platform = await startTestPlatform(influx.url, options.env);
  const provisioned = await provisionDevice(platform.admin);
  if (options.registeredAgoMs !== undefined) {
    await platform.platform.httpServer?.ctx.db
      .updateTable('devices')
      .set({ registered_at: Date.now() - options.registeredAgoMs })
      .where('id', '=', provisioned.deviceId)
      .execute();
  }
  const device = new OracleDevice({
    mqttPort: platform.mqttPort,
    deviceId: provisioned.deviceId,
    secret: provisioned.secret,
    startAt: Date.now(),
  });
  await device.connect();
  return {
    influx,
    platform,
    provisioned,
    device,
    async stop() {
      await device.close();
      await platform.stop();
      await influx.stop();
    },
  };
}
