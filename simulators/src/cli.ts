#!/usr/bin/env node
/**
 * rpm-sim: enrol a simulated fleet through the platform API and run it. The only file of the simulators that
 * writes to the console.
 */
import process from 'node:process';
import { formatStatusLine } from './cli/format-status-line.ts';
import { USAGE, parseCliArgs, type CliRunOptions } from './cli/parse-cli-args.ts';
import { SimulatorError } from './errors.ts';
import { startDemoFleet } from './fleet/start-demo-fleet.ts';
import type { FleetStats } from './fleet/run-fleet.ts';
import type { SimLogger } from './logger.ts';

const STATUS_INTERVAL_MS = 5_000;

const line = (obj: object, msg?: string): string => `${msg ?? ''} ${Object.keys(obj).length > 0 ? JSON.stringify(obj) : ''}`.trim();

const consoleLogger: SimLogger = {
  info: (obj, msg) => console.log(line(obj, msg)),
  warn: (obj, msg) => console.error(`warning: ${line(obj, msg)}`),
  error: (obj, msg) => console.error(`error: ${line(obj, msg)}`),
};

async function run(options: CliRunOptions): Promise<number> {
  const abort = new AbortController();
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) process.exit(130); // a second Ctrl-C: do not wait for the clean stop
    interrupted = true;
    abort.abort();
    console.error('stopping… (Ctrl-C again to quit at once)');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const fleet = await startDemoFleet({
    apiUrl: options.apiUrl,
    mqttUrl: options.mqttUrl,
    username: options.username,
    password: options.password,
    devices: options.devices,
    intervalMs: options.intervalMs,
    seed: options.seed,
    desaturatingShare: options.desaturatingShare,
    ...(options.teamId === undefined ? {} : { teamId: options.teamId }),
    signal: abort.signal,
    log: consoleLogger,
  });
  console.log(`running ${fleet.devices.length} devices against ${options.mqttUrl}; Ctrl-C stops`);

  const startedAt = Date.now();
  let previous: FleetStats | undefined;
  let previousAt = startedAt;
  const report = (): void => {
    const now = Date.now();
    const stats = fleet.stats();
    console.log(formatStatusLine(stats, previous, (now - startedAt) / 1000, (now - previousAt) / 1000));
    previous = stats;
    previousAt = now;
  };
  const statusTimer = setInterval(report, STATUS_INTERVAL_MS);

  await new Promise<void>((resolve) => {
    if (abort.signal.aborted) resolve();
    abort.signal.addEventListener('abort', () => resolve(), { once: true });
    if (options.durationS !== undefined) setTimeout(() => abort.abort(), options.durationS * 1000).unref();
  });
  clearInterval(statusTimer);
  await fleet.stop();
  report();
  const final = fleet.stats();
  console.log(
    `stopped: ${final.acknowledged} of ${final.created} messages acknowledged, ${final.pending} not delivered, ${final.dropped} dropped`,
  );
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCliArgs(argv, process.env);
  switch (parsed.command) {
    case 'help':
      console.log(USAGE);
      return 0;
    case 'invalid':
      for (const problem of parsed.problems) console.error(`error: ${problem}`);
      console.error('\nrpm-sim --help shows the options');
      return 2;
    case 'run':
      try {
        return await run(parsed.options);
      } catch (error) {
        if (error instanceof SimulatorError) {
          console.error(`error: ${error.code}: ${error.message}`);
          return 1;
        }
        if (error instanceof Error && error.name === 'AbortError') {
          console.error('stopped before the fleet started');
          return 130;
        }
        throw error;
      }
  }
}

process.exitCode = await main(process.argv.slice(2));
