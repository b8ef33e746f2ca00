import { url } from './option-parsers.ts';

export interface CliEvaluateOptions {
  readonly truthPath: string;
  readonly apiUrl: string;
  readonly username: string;
  readonly password: string;
  /** print the evaluation as JSON instead of a table */
  readonly json: boolean;
}

/** Options only `evaluate` has (the shared ones, --api --username --password --truth, are declared by `run`). */
export const EVALUATE_OPTIONS = { json: { type: 'boolean' } } as const;

export const EVALUATE_USAGE = `Evaluate: compares a cohort's ground truth with the alerts the platform raised (through its API)
  rpm-sim evaluate --truth FILE [--api URL] [--username NAME] [--json]     (password: env RPM_SIM_PASSWORD)
  Per scenario: sensitivity (events detected by a matching alert after the onset), detection delay from the
  onset (median, max), false alerts per patient-day.
`;

export function evaluateOptions(
  values: { truth?: string; api?: string; username?: string; password?: string; json?: boolean },
  env: Readonly<Record<string, string | undefined>>,
  problems: string[],
): CliEvaluateOptions {
  const password = values.password ?? env['RPM_SIM_PASSWORD'];
  if (password === undefined || password === '') problems.push('a password is required: set RPM_SIM_PASSWORD (or --password)');
  if (values.truth === undefined) problems.push('--truth FILE is required: the ground truth a cohort run wrote');
  return {
    truthPath: values.truth ?? '',
    apiUrl: url(problems, 'api', values.api ?? 'http://127.0.0.1:8080', ['http:', 'https:']),
    username: values.username ?? 'admin',
    password: password ?? '',
    json: values.json === true,
  };
}
