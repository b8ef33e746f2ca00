import { DEVICE_URL_PROTOCOLS } from '../device/mqtt/open-broker-socket.ts';
import { url } from './option-parsers.ts';

export interface CliReplayOptions {
  /** the recording (`run --record`) */
  readonly filePath: string;
  readonly mqttUrl: string;
  /** the fleet file of the recorded devices: their logins */
  readonly fleetPath: string;
  /** false: exactly as recorded (same seq and times: duplicates); true: times moved so the newest is now, seq renumbered */
  readonly shiftToNow: boolean;
  /** give up after this long; undefined = until every message is acknowledged or Ctrl-C */
  readonly durationS: number | undefined;
}

export const REPLAY_OPTIONS = { file: { type: 'string' }, 'shift-to-now': { type: 'boolean' } } as const;
export const REPLAY_TAKES = ['file', 'mqtt', 'fleet', 'shift-to-now', 'duration-s'] as const;

export const REPLAY_USAGE = `Replay: re-sends a recorded session (run --record) with the same device logins, each message kept until PUBACK
  rpm-sim replay --file RECORDING --fleet FILE [--mqtt URL] [--shift-to-now] [--duration-s S]
  default                exactly as recorded: same seq, same bytes, same measurement times; the platform must store
                         nothing new and count every message as a duplicate (rpm_gateway_duplicates_total)
  --shift-to-now         a fresh upload: measurement times moved so the newest is now, each device's seq renumbered
                         after its last one (the recording's or the fleet file's); the fleet file keeps the new last seq
  Ends when every message is acknowledged (or at --duration-s, or Ctrl-C).
`;

export function replayOptions(
  values: { file?: string; mqtt?: string; fleet?: string; 'shift-to-now'?: boolean; 'duration-s'?: string },
  problems: string[],
): CliReplayOptions {
  if (values.file === undefined) problems.push('--file RECORDING is required: a session written by "run --record"');
  if (values.fleet === undefined) problems.push('--fleet FILE is required: the fleet file of the recorded devices (their logins)');
  const durationText = values['duration-s'];
  const duration = durationText === undefined ? undefined : Number(durationText);
  if (duration !== undefined && !(duration > 0)) problems.push(`--duration-s must be a positive number of seconds, got "${durationText}"`);
  return {
    filePath: values.file ?? '',
    mqttUrl: url(problems, 'mqtt', values.mqtt ?? 'mqtt://127.0.0.1:1883', DEVICE_URL_PROTOCOLS),
    fleetPath: values.fleet ?? '',
    shiftToNow: values['shift-to-now'] === true,
    durationS: duration,
  };
}
