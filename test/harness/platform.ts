import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Platform, parsePlatformConfig, type StartedPlatform } from '@rpm/server';
import { ApiClient } from './api-client.ts';

export interface TestPlatform {
  readonly platform: Platform;
  readonly started: StartedPlatform;
  readonly httpUrl: string;
  readonly mqttPort: number;
  readonly admin: ApiClient;
  readonly dataDir: string;
  /** closes the platform, keeping its data directory, and starts it again on it (new HTTP and MQTT ports) */
  restart(): Promise<TestPlatform>;
  stop(): Promise<void>;
}

export const TEST_ADMIN_PASSWORD = 'admin-password-for-tests';

/**
 * The whole platform in this process, on free loopback ports, with its own data directory and the given InfluxDB
 * (a real server from startInfluxd()). No demo fleet unless asked.
 */
export async function startTestPlatform(influxUrl: string, env: Record<string, string> = {}): Promise<TestPlatform> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rpm-platform-'));
  try {
    return await startOn(dataDir, influxUrl, env);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function startOn(dataDir: string, influxUrl: string, env: Record<string, string>): Promise<TestPlatform> {
  const config = parsePlatformConfig(
    {
      RPM_HTTP_PORT: '0',
      RPM_MQTT_PORT: '0',
      RPM_DATA_DIR: dataDir,
      RPM_INFLUX_URL: influxUrl,
      RPM_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      RPM_SIM_DEVICES: '0',
      ...env,
    },
    { dashboardDir: join(dataDir, 'no-dashboard') },
  );
  const platform = new Platform(config, pino({ level: process.env['RPM_TEST_LOG_LEVEL'] ?? 'silent' }));
  const started = await platform.start();
  const admin = await new ApiClient(started.addresses.httpUrl).login('admin', TEST_ADMIN_PASSWORD);
  return {
    platform,
    started,
    httpUrl: started.addresses.httpUrl,
    mqttPort: Number(new URL(started.addresses.mqttUrl).port),
    admin,
    dataDir,
    async restart() {
      await platform.close();
      return startOn(dataDir, influxUrl, env);
    },
    async stop() {
      await platform.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
