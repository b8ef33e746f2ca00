import { DEVICE_BACKDATE_MAX_DAYS } from '@rpm/contracts';
import { parseMix, type ScenarioMix } from '../cohort/parse-mix.ts';
import { number, url } from './option-parsers.ts';

export interface CliProvisionOptions {
  readonly apiUrl: string;
  readonly username: string;
  readonly password: string;
  readonly devices: number;
  readonly seed: number;
  readonly teamId: string | undefined;
  /** a cohort's mix (--mix or --backdate-days given): patients enrolled in its programmes; undefined = the demo fleet */
  readonly mix: ScenarioMix | undefined;
  /** register the devices this many days back (admins only), so a backdated cohort can run from the file */
  readonly backdateDays: number;
  /** where the fleet file goes; never overwritten */
  readonly fleetPath: string;
}

export const PROVISION_TAKES = ['api', 'username', 'password', 'devices', 'seed', 'team-id', 'mix', 'backdate-days', 'fleet'] as const;

export const PROVISION_USAGE = `Provision: enrols the patients and devices once and writes a fleet file for "run --fleet" and "replay --fleet"
  rpm-sim provision --fleet FILE [--api URL] [--username NAME] [--devices N] [--seed N] [--team-id UUID]
                    [--mix LIST] [--backdate-days N]                        (password: env RPM_SIM_PASSWORD)
  --fleet FILE           the fleet file to create (JSON, mode 0600; never overwritten). It HOLDS THE DEVICE SECRETS
                         (their MQTT passwords, which the API shows only once): keep it private, do not commit it
  --mix / --backdate-days as for run: a cohort's patients enrolled in its programmes, devices registered N days back
`;

export function provisionOptions(
  values: {
    api?: string;
    username?: string;
    password?: string;
    devices?: string;
    seed?: string;
    'team-id'?: string;
    mix?: string;
    'backdate-days'?: string;
    fleet?: string;
  },
  env: Readonly<Record<string, string | undefined>>,
  problems: string[],
): CliProvisionOptions {
  const password = values.password ?? env['RPM_SIM_PASSWORD'];
  if (password === undefined || password === '') problems.push('a password is required: set RPM_SIM_PASSWORD (or --password)');
  if (values.fleet === undefined) problems.push('--fleet FILE is required: where the fleet file (with the device secrets) goes');
  const cohort = values.mix !== undefined || values['backdate-days'] !== undefined;
  const mix = cohort ? parseMix(values.mix ?? 'stable=1') : undefined;
  if (mix !== undefined && !mix.ok) problems.push(...mix.problems.map((p) => `--mix: ${p}`));
  return {
    apiUrl: url(problems, 'api', values.api ?? 'http://127.0.0.1:8080', ['http:', 'https:']),
    username: values.username ?? 'admin',
    password: password ?? '',
    devices: number(problems, 'devices', values.devices, 10, (n) => Number.isInteger(n) && n >= 1 && n <= 100_000, 'an integer 1-100000'),
    seed: number(problems, 'seed', values.seed, 1, (n) => Number.isSafeInteger(n), 'an integer'),
    teamId: values['team-id'],
    mix: mix?.ok === true ? mix.mix : undefined,
    backdateDays: number(
      problems,
      'backdate-days',
      values['backdate-days'],
      0,
      (n) => n >= 0 && n < DEVICE_BACKDATE_MAX_DAYS,
      `a number of days, at least 0 and less than ${DEVICE_BACKDATE_MAX_DAYS}`,
    ),
    fleetPath: values.fleet ?? '',
  };
}
