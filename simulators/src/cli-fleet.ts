/** What `run --fleet` and `run --record` add to a run: the fleet file's devices and seqs, and the recording. */
import { resolve } from 'node:path';
import { defaultCohortOptions, type CliCohortOptions, type CliRunOptions } from './cli/parse-cli-args.ts';
import type { AcknowledgedMessage, DeviceStats } from './device/simulated-device.ts';
import { SimulatorError } from './errors.ts';
import { readFleetFile, saveLastSeqs, type FleetFile } from './fleet/fleet-file.ts';
import { toSessionRecord } from './replay/session-record.ts';
import { JsonLinesSessionRecording } from './replay/session-recording-file.ts';

export interface RunExtras {
  /** the fleet file's devices, when --fleet was given */
  readonly fleet: FleetFile | undefined;
  readonly recording: JsonLinesSessionRecording | undefined;
  /** device i continues after the fleet file's last seq */
  readonly firstSeq: ((index: number) => number | undefined) | undefined;
  readonly onAcknowledged: ((message: AcknowledgedMessage) => void) | undefined;
  /** the cohort to run: the command line's, or the fleet file's mix with the command line's timing */
  readonly cohort: CliCohortOptions | undefined;
  /** after the run: keeps each device's last seq in the fleet file, closes the recording; returns what to print */
  finish(stats: readonly DeviceStats[]): string[];
}

export function openRunExtras(options: CliRunOptions): RunExtras {
  const fleetPath = options.fleetPath === undefined ? undefined : resolve(options.fleetPath);
  const fleet = fleetPath === undefined ? undefined : readFleetFile(fleetPath);
  let cohort = options.cohort;
  if (fleet !== undefined) {
    if (fleet.mix === undefined && cohort !== undefined)
      throw new SimulatorError(
        'SIM_OPTIONS_INVALID',
        `${fleetPath ?? ''} is a demo fleet (provisioned without --mix): cohort options do not apply`,
      );
    if (fleet.mix !== undefined) cohort = { ...(cohort ?? defaultCohortOptions(fleet.mix)), mix: fleet.mix };
  }
  const recording = options.recordPath === undefined ? undefined : new JsonLinesSessionRecording(resolve(options.recordPath));
  recording?.open();
  return {
    fleet,
    recording,
    cohort,
    firstSeq: fleet === undefined ? undefined : (index) => nextSeq(fleet, index),
    onAcknowledged: recording === undefined ? undefined : (message) => recording.write(toSessionRecord(message)),
    finish: (stats) => {
      const lines: string[] = [];
      recording?.close();
      if (recording !== undefined) lines.push(`recorded ${recording.count} acknowledged messages → ${recording.path}`);
      if (fleet !== undefined && fleetPath !== undefined) {
        saveLastSeqs(fleetPath, fleet, lastSeqs(stats));
        lines.push(`fleet file ${fleetPath}: each device's last seq kept, the next run continues after it`);
      }
      return lines;
    },
  };
}

function nextSeq(fleet: FleetFile, index: number): number | undefined {
  const last = fleet.devices[index]?.lastSeq;
  return last === undefined ? undefined : last + 1;
}

export function lastSeqs(stats: readonly DeviceStats[]): Map<string, number> {
  const seqs = new Map<string, number>();
  for (const s of stats) if (s.lastSeq !== undefined) seqs.set(s.deviceId, s.lastSeq);
  return seqs;
}
