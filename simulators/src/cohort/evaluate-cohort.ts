import { PlatformApiClient } from '../fleet/platform-api-client.ts';
import { SimulatorError } from '../errors.ts';
import { evaluateAlerts, type AlertLike, type Evaluation } from './evaluate-alerts.ts';
import { readTruthFile } from './ground-truth.ts';

export interface EvaluateCohortOptions {
  readonly truthPath: string;
  readonly apiUrl: string;
  readonly username: string;
  readonly password: string;
  readonly signal?: AbortSignal;
}

/** Reads a cohort's ground truth, fetches its patients' alerts through the platform API and evaluates them. */
export async function evaluateCohort(options: EvaluateCohortOptions): Promise<Evaluation> {
  let truth;
  try {
    truth = readTruthFile(options.truthPath);
  } catch (error) {
    throw new SimulatorError('SIM_OPTIONS_INVALID', `cannot read the truth file ${options.truthPath}: ${String(error)}`, { cause: error });
  }
  if (truth.problems.length > 0) {
    throw new SimulatorError(
      'SIM_OPTIONS_INVALID',
      `${options.truthPath} is not a ground-truth file: ${truth.problems.slice(0, 3).join('; ')}`,
    );
  }
  const api = new PlatformApiClient(options.apiUrl, options.signal);
  await api.login(options.username, options.password);
  const alerts: AlertLike[] = [];
  for (const record of truth.records) {
    if (record.type === 'patient') alerts.push(...(await api.listAlerts(record.patientId)));
  }
  return evaluateAlerts(truth.records, alerts);
}
