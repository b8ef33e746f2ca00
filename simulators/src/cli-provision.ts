/** `rpm-sim provision`: enrol a fleet through the API once and write its fleet file (device secrets included). */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConsoleProgress, onInterrupt } from './cli-console.ts';
import type { CliProvisionOptions } from './cli/parse-provision-args.ts';
import { SimulatorError } from './errors.ts';
import { FLEET_FILE_FORMAT, FLEET_FILE_NOTE, writeNewFleetFile } from './fleet/fleet-file.ts';
import { provisionFleet } from './fleet/provision-fleet.ts';
import { enrolCohort } from './fleet/start-cohort.ts';

export async function provisionCommand(options: CliProvisionOptions): Promise<number> {
  const path = resolve(options.fleetPath);
  // Checked before enrolling anyone: a refusal afterwards would leave patients whose device secrets are lost.
  if (existsSync(path)) throw new SimulatorError('SIM_FILE_EXISTS', `${path} already exists: choose another --fleet FILE`);
  const abort = new AbortController();
  const progress = new ConsoleProgress();
  const removeSignals = onInterrupt(abort, progress);
  const common = {
    apiUrl: options.apiUrl,
    username: options.username,
    password: options.password,
    devices: options.devices,
    seed: options.seed,
    ...(options.teamId === undefined ? {} : { teamId: options.teamId }),
    signal: abort.signal,
    log: progress.logger,
  };
  const devices =
    options.mix === undefined
      ? await provisionFleet(common)
      : await enrolCohort({ ...common, mix: options.mix, backdateDays: options.backdateDays });
  writeNewFleetFile(path, {
    format: FLEET_FILE_FORMAT,
    note: FLEET_FILE_NOTE,
    createdAt: new Date().toISOString(),
    apiUrl: options.apiUrl,
    seed: options.seed,
    ...(options.mix === undefined ? {} : { mix: options.mix }),
    ...(options.backdateDays > 0 ? { backdateDays: options.backdateDays } : {}),
    devices,
  });
  removeSignals();
  console.log(
    `enrolled ${devices.length} patients with a device each${options.mix === undefined ? '' : ' (a cohort: programmes from --mix)'}\n` +
      `fleet file → ${path} (mode 0600). It holds the device secrets: keep it private, do not commit it.\n` +
      `run with: node simulators/src/cli.ts run --fleet ${path} --mqtt mqtt://…`,
  );
  return 0;
}
