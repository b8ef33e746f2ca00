import { parseArgs } from 'node:util';

export interface CliRunOptions {
  readonly apiUrl: string;
  readonly mqttUrl: string;
  readonly username: string;
  readonly password: string;
  readonly devices: number;
  readonly intervalMs: number;
  readonly seed: number;
  readonly desaturatingShare: number;
  /** stop after this long; undefined = until Ctrl-C */
  readonly durationS: number | undefined;
  readonly teamId: string | undefined;
}

export type CliCommand =
  | { readonly command: 'help' }
  | { readonly command: 'run'; readonly options: CliRunOptions }
  | { readonly command: 'invalid'; readonly problems: readonly string[] };

export const CLI_DEFAULTS = {
  api: 'http://127.0.0.1:8080',
  mqtt: 'mqtt://127.0.0.1:1883',
  username: 'admin',
  devices: 10,
  intervalMs: 5_000,
  seed: 1,
  desaturating: 0.2,
} as const;

export const USAGE = `Usage: rpm-sim run [options]      (node simulators/src/cli.ts run ...)

Enrols simulated patients with one home device each through the platform API, then runs the devices over MQTT
(protocol v1, QoS 1) until Ctrl-C or --duration-s.

Options:
  --api URL              platform API origin                     (default ${CLI_DEFAULTS.api})
  --mqtt URL             MQTT broker                             (default ${CLI_DEFAULTS.mqtt})
  --username NAME        admin or clinician who enrols patients  (default ${CLI_DEFAULTS.username})
  --password PASSWORD    their password; better: env RPM_SIM_PASSWORD (command lines are visible to other users)
  --devices N            patients, one device each               (default ${CLI_DEFAULTS.devices})
  --interval-ms MS       time between a device's reading sets    (default ${CLI_DEFAULTS.intervalMs})
  --seed N               same seed, same patients and readings   (default ${CLI_DEFAULTS.seed})
  --desaturating SHARE   share 0-1 of patients whose SpO2 dips below 92% and recovers (default ${CLI_DEFAULTS.desaturating})
  --duration-s S         stop after S seconds                    (default: run until Ctrl-C)
  --team-id UUID         care team that follows the patients     (default: the user's first team)
  -h, --help             show this help
`;

function number(
  problems: string[],
  name: string,
  text: string | undefined,
  fallback: number,
  check: (n: number) => boolean,
  expected: string,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) problems.push(`--${name} must be ${expected}, got "${text}"`);
  return value;
}

function url(problems: string[], name: string, text: string, protocols: readonly string[]): string {
  try {
    const parsed = new URL(text);
    if (!protocols.includes(parsed.protocol)) problems.push(`--${name} must use ${protocols.join(' or ')}, got "${text}"`);
  } catch {
    problems.push(`--${name} must be a URL, got "${text}"`);
  }
  return text;
}

/** Parses the command line; every problem is listed at once rather than one per attempt. */
export function parseCliArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        api: { type: 'string' },
        mqtt: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        devices: { type: 'string' },
        'interval-ms': { type: 'string' },
        seed: { type: 'string' },
        desaturating: { type: 'string' },
        'duration-s': { type: 'string' },
        'team-id': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { command: 'invalid', problems: [error instanceof Error ? error.message : String(error)] };
  }
  const { values, positionals } = parsed;
  if (values.help === true || positionals.length === 0 || positionals[0] === 'help') return { command: 'help' };
  const problems: string[] = [];
  if (positionals[0] !== 'run' || positionals.length > 1) problems.push(`unknown command "${positionals.join(' ')}"; the command is "run"`);

  const password = values.password ?? env['RPM_SIM_PASSWORD'];
  if (password === undefined || password === '') problems.push('a password is required: set RPM_SIM_PASSWORD (or --password)');
  const durationText = values['duration-s'];
  const options: CliRunOptions = {
    apiUrl: url(problems, 'api', values.api ?? CLI_DEFAULTS.api, ['http:', 'https:']),
    mqttUrl: url(problems, 'mqtt', values.mqtt ?? CLI_DEFAULTS.mqtt, ['mqtt:', 'mqtts:', 'tcp:', 'ssl:', 'ws:', 'wss:']),
    username: values.username ?? CLI_DEFAULTS.username,
    password: password ?? '',
    devices: number(
      problems,
      'devices',
      values.devices,
      CLI_DEFAULTS.devices,
      (n) => Number.isInteger(n) && n >= 1 && n <= 100_000,
      'an integer 1-100000',
    ),
    intervalMs: number(
      problems,
      'interval-ms',
      values['interval-ms'],
      CLI_DEFAULTS.intervalMs,
      (n) => Number.isInteger(n) && n >= 10,
      'an integer ≥ 10',
    ),
    seed: number(problems, 'seed', values.seed, CLI_DEFAULTS.seed, (n) => Number.isSafeInteger(n), 'an integer'),
    desaturatingShare: number(
      problems,
      'desaturating',
      values.desaturating,
      CLI_DEFAULTS.desaturating,
      (n) => n >= 0 && n <= 1,
      'a number 0-1',
    ),
    durationS:
      durationText === undefined
        ? undefined
        : number(problems, 'duration-s', durationText, 0, (n) => n > 0, 'a positive number of seconds'),
    teamId: values['team-id'],
  };
  return problems.length > 0 ? { command: 'invalid', problems } : { command: 'run', options };
}
