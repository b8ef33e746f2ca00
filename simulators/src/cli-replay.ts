/** `rpm-sim replay`: re-send a recorded session with the recorded devices' logins. */
import { resolve } from 'node:path';
import process from 'node:process';
import { lastSeqs } from './cli-fleet.ts';
import { ConsoleProgress, onInterrupt } from './cli-console.ts';
import { formatStatusLine } from './cli/format-status-line.ts';
import type { CliReplayOptions } from './cli/parse-replay-args.ts';
import { readFleetFile, saveLastSeqs } from './fleet/fleet-file.ts';
import type { FleetStats } from './fleet/aggregate-stats.ts';
import { replaySession } from './replay/replay-session.ts';
import { readSessionRecording } from './replay/session-recording-file.ts';
import { shiftSessionToNow } from './replay/shift-session.ts';

export async function replayCommand(options: CliReplayOptions): Promise<number> {
  const fleetPath = resolve(options.fleetPath);
  const fleet = readFleetFile(fleetPath);
  const recorded = readSessionRecording(resolve(options.filePath));
  const progress = new ConsoleProgress();
  let records = recorded;
  if (options.shiftToNow) {
    const lastSeq = new Map(fleet.devices.map((d) => [d.deviceId, d.lastSeq]));
    const shifted = shiftSessionToNow(recorded, Date.now(), (id) => lastSeq.get(id));
    records = shifted.records;
    progress.print(
      `shift to now: measurement times moved by ${(shifted.shiftMs / 3_600_000).toFixed(2)} h, seq renumbered after each device's last` +
        (shifted.unchanged > 0 ? `; ${shifted.unchanged} malformed payloads sent as recorded` : ''),
      false,
    );
  }
  const abort = new AbortController();
  const removeSignals = onInterrupt(abort, progress);
  const replay = replaySession({ mqttUrl: options.mqttUrl, devices: fleet.devices, records, log: progress.logger });
  progress.print(
    `replaying ${replay.messageCount} messages of ${replay.deviceCount} devices against ${options.mqttUrl} ` +
      `(${options.shiftToNow ? 'shifted to now: a fresh upload' : 'exactly as recorded: the platform must count them as duplicates'}); Ctrl-C stops`,
    false,
  );

  const startedAt = Date.now();
  let previous: FleetStats | undefined;
  let previousAt = startedAt;
  const report = (): void => {
    const now = Date.now();
    const stats = replay.stats();
    progress.update(formatStatusLine(stats, previous, (now - startedAt) / 1000, (now - previousAt) / 1000));
    previous = stats;
    previousAt = now;
  };
  const statusTimer = setInterval(report, process.stdout.isTTY ? 1_000 : 5_000);
  const doneTimer = setInterval(() => {
    if (replay.finished()) abort.abort();
  }, 100);
  await new Promise<void>((done) => {
    if (abort.signal.aborted) done();
    abort.signal.addEventListener('abort', () => done(), { once: true });
    if (options.durationS !== undefined) setTimeout(() => abort.abort(), options.durationS * 1000).unref();
  });
  clearInterval(statusTimer);
  clearInterval(doneTimer);
  await replay.stop();
  report();
  progress.done();
  const final = replay.stats();
  if (options.shiftToNow) saveLastSeqs(fleetPath, fleet, lastSeqs(replay.deviceStats()));
  console.log(
    `replayed: ${final.acknowledged} of ${replay.messageCount} messages acknowledged, ${final.pending} not delivered` +
      (options.shiftToNow ? `\nfleet file ${fleetPath}: each device's last seq kept` : ''),
  );
  removeSignals();
  return final.acknowledged >= replay.messageCount ? 0 : 1;
}
