import { parseArgs } from 'node:util';
import { DEVICE_BACKDATE_MAX_DAYS } from '@rpm/contracts';
import { parseMix, type ScenarioMix } from '../cohort/parse-mix.ts';
import { SCENARIO_IDS } from '../cohort/scenario-catalogue.ts';
import { DEVICE_URL_PROTOCOLS } from '../device/mqtt/open-broker-socket.ts';
import { notTaken, number, url } from './option-parsers.ts';
import { EVALUATE_OPTIONS, EVALUATE_USAGE, evaluateOptions, type CliEvaluateOptions } from './parse-evaluate-args.ts';
import { PROVISION_TAKES, PROVISION_USAGE, provisionOptions, type CliProvisionOptions } from './parse-provision-args.ts';
import { REPLAY_OPTIONS, REPLAY_TAKES, REPLAY_USAGE, replayOptions, type CliReplayOptions } from './parse-replay-args.ts';

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
  /** a cohort (--mix given): scenarios, simulated time and ground truth; undefined = the demo fleet */
  readonly cohort: CliCohortOptions | undefined;
  /** run the devices of this fleet file (`provision`) instead of enrolling new ones; undefined = enrol */
  readonly fleetPath: string | undefined;
  /** record every acknowledged readings message here (JSON lines), for `replay` */
  readonly recordPath: string | undefined;
}

export interface CliCohortOptions {
  readonly mix: ScenarioMix;
  /** simulated length, days */
  readonly days: number;
  /** start the simulated clock this many days ago; the devices are registered as of then (needs an admin) */
  readonly backdateDays: number;
  /** simulated time runs this many times faster than real time until it reaches now */
  readonly speed: number;
  /** where the ground truth is written (JSON lines) */
  readonly truthPath: string;
}

export type CliCommand =
  | { readonly command: 'help' }
  | { readonly command: 'run'; readonly options: CliRunOptions }
  | { readonly command: 'evaluate'; readonly options: CliEvaluateOptions }
  | { readonly command: 'provision'; readonly options: CliProvisionOptions }
  | { readonly command: 'replay'; readonly options: CliReplayOptions }
  | { readonly command: 'invalid'; readonly problems: readonly string[] };

export const CLI_DEFAULTS = {
  api: 'http://127.0.0.1:8080',
  mqtt: 'mqtt://127.0.0.1:1883',
  username: 'admin',
  devices: 10,
  intervalMs: 5_000,
  seed: 1,
  desaturating: 0.2,
  speed: 1,
  backdateDays: 0,
  truth: 'rpm-sim-truth.jsonl',
} as const;

export const USAGE = `Usage: rpm-sim run [options]        (node simulators/src/cli.ts run ...)
       rpm-sim provision [options]  enrol a fleet once, write a fleet file
       rpm-sim replay [options]     re-send a recorded session
       rpm-sim evaluate [options]   compare a cohort's ground truth with the platform's alerts

Run: enrols simulated patients with one home device each through the platform API (or takes them from --fleet),
then runs the devices over MQTT (protocol v1, QoS 1) until Ctrl-C or --duration-s.

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
  --fleet FILE           run the devices of a fleet file ("provision") instead of enrolling new ones; no API or
                         password needed; patients, seed and mix come from the file; it keeps each device's last seq
  --record FILE          record every acknowledged readings message (JSON lines, mode 0600) for "replay"
                         (a replay needs the devices' secrets: record a run started with --fleet)
  -h, --help             show this help

Cohort (any of these makes a cohort instead of the demo fleet; docs/simulator.md):
  --mix LIST             scenario shares, e.g. stable=0.6,infection=0.1,hf_decompensation=0.1 (rest: stable)
                         scenarios: ${SCENARIO_IDS.join(', ')}
  --days D               simulated length of the cohort, days; the run stops there (default: --backdate-days, or 1)
  --backdate-days N      start the simulated clock N days ago (under ${DEVICE_BACKDATE_MAX_DAYS}); the devices are registered as of
                         then, which the platform allows admins only                   (default ${CLI_DEFAULTS.backdateDays})
  --speed X              simulated time runs X times real time until it reaches now       (default ${CLI_DEFAULTS.speed})
  --truth FILE           ground truth, JSON lines, for "evaluate"                          (default ${CLI_DEFAULTS.truth})

${PROVISION_USAGE}
${REPLAY_USAGE}
${EVALUATE_USAGE}`;

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
        mix: { type: 'string' },
        days: { type: 'string' },
        'backdate-days': { type: 'string' },
        speed: { type: 'string' },
        truth: { type: 'string' },
        fleet: { type: 'string' },
        record: { type: 'string' },
        ...REPLAY_OPTIONS,
        ...EVALUATE_OPTIONS,
      },
    });
  } catch (error) {
    return { command: 'invalid', problems: [error instanceof Error ? error.message : String(error)] };
  }
  const { values, positionals } = parsed;
  if (values.help === true || positionals.length === 0 || positionals[0] === 'help') return { command: 'help' };
  const problems: string[] = [];
  if (positionals[0] === 'evaluate' && positionals.length === 1) {
    const evaluate = evaluateOptions(values, env, problems);
    return problems.length > 0 ? { command: 'invalid', problems } : { command: 'evaluate', options: evaluate };
  }
  if (positionals[0] === 'provision' && positionals.length === 1) {
    notTaken(problems, 'provision', values, PROVISION_TAKES);
    const provision = provisionOptions(values, env, problems);
    return problems.length > 0 ? { command: 'invalid', problems } : { command: 'provision', options: provision };
  }
  if (positionals[0] === 'replay' && positionals.length === 1) {
    notTaken(problems, 'replay', values, REPLAY_TAKES);
    const replay = replayOptions(values, problems);
    return problems.length > 0 ? { command: 'invalid', problems } : { command: 'replay', options: replay };
  }
  if (positionals[0] !== 'run' || positionals.length > 1)
    problems.push(`unknown command "${positionals.join(' ')}"; the commands are "run", "provision", "replay" and "evaluate"`);
  notTaken(problems, 'run', { file: values.file, 'shift-to-now': values['shift-to-now'], json: values.json }, []);

  const fleetPath = values.fleet;
  // A fleet file's devices are enrolled already: who they are is the file's, and no API call is made.
  if (fleetPath !== undefined)
    for (const name of ['devices', 'seed', 'mix', 'team-id'] as const)
      if (values[name] !== undefined) problems.push(`--${name} comes from the fleet file: leave it out with --fleet`);
  const password = values.password ?? env['RPM_SIM_PASSWORD'];
  if (fleetPath === undefined && (password === undefined || password === ''))
    problems.push('a password is required: set RPM_SIM_PASSWORD (or --password)');
  const durationText = values['duration-s'];
  const options: CliRunOptions = {
    apiUrl: url(problems, 'api', values.api ?? CLI_DEFAULTS.api, ['http:', 'https:']),
    mqttUrl: url(problems, 'mqtt', values.mqtt ?? CLI_DEFAULTS.mqtt, DEVICE_URL_PROTOCOLS),
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
    cohort: cohortOptions(values, problems),
    fleetPath,
    recordPath: values.record,
  };
  return problems.length > 0 ? { command: 'invalid', problems } : { command: 'run', options };
}

/** A cohort's timing when none is given: what `run --fleet FILE` uses for a cohort's fleet file. */
export function defaultCohortOptions(mix: ScenarioMix): CliCohortOptions {
  return { mix, days: 1, backdateDays: CLI_DEFAULTS.backdateDays, speed: CLI_DEFAULTS.speed, truthPath: CLI_DEFAULTS.truth };
}

function cohortOptions(
  values: { mix?: string; days?: string; 'backdate-days'?: string; speed?: string; truth?: string; 'interval-ms'?: string },
  problems: string[],
): CliCohortOptions | undefined {
  const given = [values.mix, values.days, values['backdate-days'], values.speed, values.truth].some((v) => v !== undefined);
  if (!given) return undefined;
  const parsed = parseMix(values.mix ?? 'stable=1');
  if (!parsed.ok) problems.push(...parsed.problems.map((p) => `--mix: ${p}`));
  const backdateDays = number(
    problems,
    'backdate-days',
    values['backdate-days'],
    CLI_DEFAULTS.backdateDays,
    // the platform registers devices at most DEVICE_BACKDATE_MAX_DAYS back, counted when each registration arrives
    (n) => n >= 0 && n < DEVICE_BACKDATE_MAX_DAYS,
    `a number of days, at least 0 and less than ${DEVICE_BACKDATE_MAX_DAYS}`,
  );
  return {
    mix: parsed.ok ? parsed.mix : {},
    backdateDays,
    days: number(problems, 'days', values.days, backdateDays > 0 ? backdateDays : 1, (n) => n > 0 && n <= 365, 'a number of days 0-365'),
    speed: number(problems, 'speed', values.speed, CLI_DEFAULTS.speed, (n) => n >= 1 && n <= 100_000, 'a number 1-100000'),
    truthPath: values.truth ?? CLI_DEFAULTS.truth,
  };
}
