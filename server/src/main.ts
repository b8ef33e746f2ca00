/**
 * `npm start`: the whole platform in one process — managed InfluxDB, database, server, dashboard, MQTT gateway and
 * a simulated demo fleet. Ctrl-C / SIGTERM shuts everything down cleanly, the managed InfluxDB included.
 */
import { fileURLToPath } from 'node:url';
import { Platform } from './platform/platform.ts';
import { parsePlatformConfig } from './platform/platform-config.ts';
import { formatBanner } from './platform/banner.ts';
import { createPlatformLogger } from './platform/platform-logger.ts';

const dashboardDir = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

let config;
try {
  config = parsePlatformConfig(process.env, { dashboardDir });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}

const log = createPlatformLogger(config.server.logLevel);
const platform = new Platform(config, log);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    log.error('shutdown took longer than 20 s; exiting');
    process.exit(1);
  }, 20_000);
  force.unref();
  await platform.close();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  const started = await platform.start();
  console.log(formatBanner(started));
} catch (error) {
  log.fatal({ err: error }, 'the platform could not start');
  console.error(`\nThe platform could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
