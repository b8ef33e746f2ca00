#!/usr/bin/env node
/**
 * rpm-sim: enrol a simulated fleet or cohort through the platform API and run it (or provision it once and run it from
 * a fleet file), record and replay a session, or evaluate a cohort's alerts.
 * This file and the other cli-*.ts files are the only ones of the simulators that write to the console.
 */
import process from 'node:process';
import { runCohortCommand } from './cli-cohort.ts';
import { ConsoleProgress, onInterrupt } from './cli-console.ts';
import { evaluateCommand } from './cli-evaluate.ts';
import { openRunExtras, type RunExtras } from './cli-fleet.ts';
import { provisionCommand } from './cli-provision.ts';
import { replayCommand } from './cli-replay.ts';
import { formatStatusLine } from './cli/format-status-line.ts';
import { USAGE, parseCliArgs, type CliRunOptions } from './cli/parse-cli-args.ts';
import { SimulatorError } from './errors.ts';
import { FLEET_ENVIRONMENT, FLEET_NODE_FLAGS, hasFleetProcessSettings } from './fleet/fleet-process-settings.ts';
import { startDemoFleet } from './fleet/start-demo-fleet.ts';
import { runFleet, type FleetStats } from './fleet/run-fleet.ts';

const STATUS_INTERVAL_MS = 5_000;
/** from this many devices on, the fleet process settings roughly halve the memory per device (docs/simulator.md "Scale") */
const LARGE_FLEET_DEVICES = 1_000;
const TTY_STATUS_INTERVAL_MS = 1_000;

async function runDemo(options: CliRunOptions, extras: RunExtras): Promise<number> {
  const abort = new AbortController();
  const progress = new ConsoleProgress();
  const removeSignals = onInterrupt(abort, progress);

  const running = {
    mqttUrl: options.mqttUrl,
    intervalMs: options.intervalMs,
    desaturatingShare: options.desaturatingShare,
    ...(extras.firstSeq === undefined ? {} : { firstSeq: extras.firstSeq }),
    ...(extras.onAcknowledged === undefined ? {} : { onAcknowledged: extras.onAcknowledged }),
    log: progress.logger,
  };
  const fromFile = extras.fleet;
  const fleet =
    fromFile === undefined
      ? await startDemoFleet({
          ...running,
          apiUrl: options.apiUrl,
          username: options.username,
          password: options.password,
          devices: options.devices,
          seed: options.seed,
          ...(options.teamId === undefined ? {} : { teamId: options.teamId }),
          signal: abort.signal,
        })
      : { ...runFleet({ ...running, devices: fromFile.devices, seed: fromFile.seed }), devices: fromFile.devices };
  progress.print(`running ${fleet.devices.length} devices against ${options.mqttUrl}; Ctrl-C stops`, false);
  if (fleet.devices.length >= LARGE_FLEET_DEVICES && !hasFleetProcessSettings()) {
    const environment = Object.entries(FLEET_ENVIRONMENT).map(([name, value]) => `${name}=${value}`);
    progress.print(
      `a fleet this large needs about half the memory when started as: ${[...environment, 'node', ...FLEET_NODE_FLAGS].join(' ')} simulators/src/cli.ts …`,
      false,
    );
  }

  const startedAt = Date.now();
  let previous: FleetStats | undefined;
  let previousAt = startedAt;
  const report = (): void => {
    const now = Date.now();
    const stats = fleet.stats();
    progress.update(formatStatusLine(stats, previous, (now - startedAt) / 1000, (now - previousAt) / 1000));
    previous = stats;
    previousAt = now;
  };
  const statusTimer = setInterval(report, process.stdout.isTTY ? TTY_STATUS_INTERVAL_MS : STATUS_INTERVAL_MS);

  await new Promise<void>((resolve) => {
    if (abort.signal.aborted) resolve();
    abort.signal.addEventListener('abort', () => resolve(), { once: true });
    if (options.durationS !== undefined) setTimeout(() => abort.abort(), options.durationS * 1000).unref();
  });
  clearInterval(statusTimer);
  await fleet.stop();
  report();
  progress.done();
  const final = fleet.stats();
  console.log(
    `stopped: ${final.acknowledged} of ${final.created} messages acknowledged, ${final.pending} not delivered, ${final.dropped} dropped`,
  );
  for (const line of extras.finish(fleet.deviceStats())) console.log(line);
  removeSignals();
  return 0;
}

async function runCommand(options: CliRunOptions): Promise<number> {
  const extras = openRunExtras(options);
  const cohort = extras.cohort;
  try {
    return await (cohort === undefined ? runDemo(options, extras) : runCohortCommand(options, cohort, extras));
  } finally {
    extras.recording?.close();
  }
}

async function guarded(command: () => Promise<number>): Promise<number> {
  try {
    return await command();
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
      return guarded(() => runCommand(parsed.options));
    case 'provision':
      return guarded(() => provisionCommand(parsed.options));
    case 'replay':
      return guarded(() => replayCommand(parsed.options));
    case 'evaluate':
      return guarded(() => evaluateCommand(parsed.options));
  }
}

process.exitCode = await main(process.argv.slice(2));
