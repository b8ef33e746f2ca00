import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { parseMix, type ScenarioMix } from '../cohort/parse-mix.ts';
import { SimulatorError } from '../errors.ts';
import type { DeviceCredentials } from './provision-fleet.ts';

export const FLEET_FILE_FORMAT = 'rpm-sim-fleet/1';
/** Owner read/write only: the file holds every device's secret (the API shows a secret once, at registration). */
export const SECRET_FILE_MODE = 0o600;

export interface FleetFileDevice extends DeviceCredentials {
  /** seq of the newest message this device sent from a fleet-file run or replay; the next one continues after it */
  readonly lastSeq?: number;
}

/**
 * A provisioned fleet (`rpm-sim provision`), so `run --fleet` and `replay --fleet` reuse its patients and devices
 * instead of enrolling new ones. JSON, written with mode 0600: it holds the device secrets.
 */
export interface FleetFile {
  readonly format: typeof FLEET_FILE_FORMAT;
  readonly note: string;
  readonly createdAt: string;
  readonly apiUrl: string;
  /** seed of the names (and of a cohort's plan and the demo physiology when run) */
  readonly seed: number;
  /** a cohort's scenario mix: device i is patient i of planCohort(seed, mix); absent for a demo fleet */
  readonly mix?: ScenarioMix;
  /** the devices were registered this many days before `createdAt` (a backdated cohort) */
  readonly backdateDays?: number;
  readonly devices: readonly FleetFileDevice[];
}

export const FLEET_FILE_NOTE = 'Contains device secrets (MQTT passwords): keep it private (mode 0600), do not commit or share it.';

/** Writes a new fleet file, mode 0600; refuses to overwrite one (it may hold the only copy of other devices' secrets). */
export function writeNewFleetFile(path: string, fleet: FleetFile): void {
  try {
    writeFileSync(path, `${JSON.stringify(fleet, null, 2)}\n`, { mode: SECRET_FILE_MODE, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new SimulatorError('SIM_FILE_EXISTS', `${path} already exists`);
    throw error;
  }
}

/** Rewrites a fleet file with each device's newest seq, atomically (a temporary file, mode 0600, then rename). */
export function saveLastSeqs(path: string, fleet: FleetFile, lastSeqs: ReadonlyMap<string, number>): FleetFile {
  const updated: FleetFile = {
    ...fleet,
    devices: fleet.devices.map((d) => {
      const seq = lastSeqs.get(d.deviceId);
      return seq === undefined || seq <= (d.lastSeq ?? 0) ? d : { ...d, lastSeq: seq };
    }),
  };
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(updated, null, 2)}\n`, { mode: SECRET_FILE_MODE });
  renameSync(temporary, path);
  return updated;
}

export function readFleetFile(path: string): FleetFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SimulatorError('SIM_FILE_INVALID', `cannot read the fleet file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SimulatorError('SIM_FILE_INVALID', `${path} is not JSON: is it a fleet file written by "rpm-sim provision"?`);
  }
  const problems = fleetFileProblems(json);
  if (problems.length > 0) throw new SimulatorError('SIM_FILE_INVALID', `${path} is not a valid fleet file: ${problems.join('; ')}`);
  return json as FleetFile;
}

/** What is wrong with a parsed fleet file (empty when nothing); hand-checked, as the simulators take no zod of their own. */
export function fleetFileProblems(json: unknown): string[] {
  if (typeof json !== 'object' || json === null) return ['not an object'];
  const f = json as Record<string, unknown>;
  const problems: string[] = [];
  if (f['format'] !== FLEET_FILE_FORMAT) problems.push(`format must be "${FLEET_FILE_FORMAT}", got ${JSON.stringify(f['format'])}`);
  if (typeof f['seed'] !== 'number' || !Number.isSafeInteger(f['seed'])) problems.push('seed must be an integer');
  if (f['mix'] !== undefined) {
    const entries = typeof f['mix'] === 'object' && f['mix'] !== null ? Object.entries(f['mix']) : [];
    const mix = parseMix(entries.map(([k, v]) => `${k}=${String(v)}`).join(','));
    if (!mix.ok) problems.push(`mix: ${mix.problems.join(', ')}`);
  }
  if (!Array.isArray(f['devices']) || f['devices'].length === 0) return [...problems, 'devices must be a non-empty array'];
  f['devices'].forEach((d: unknown, i) => {
    const device = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
    for (const key of ['deviceId', 'secret', 'patientId'])
      if (typeof device[key] !== 'string' || device[key] === '') problems.push(`devices[${i}].${key} must be a non-empty string`);
    for (const key of ['registeredAtMs', 'lastSeq'])
      if (device[key] !== undefined && (typeof device[key] !== 'number' || !Number.isSafeInteger(device[key]) || device[key] < 0))
        problems.push(`devices[${i}].${key} must be a non-negative integer`);
  });
  return problems;
}
