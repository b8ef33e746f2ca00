/** `rpm-sim evaluate`: the platform's alerts against a cohort's ground truth. */
import { evaluateCohort } from './cohort/evaluate-cohort.ts';
import { formatEvaluation } from './cohort/format-evaluation.ts';
import type { CliEvaluateOptions } from './cli/parse-evaluate-args.ts';

export async function evaluateCommand(options: CliEvaluateOptions): Promise<number> {
  const evaluation = await evaluateCohort(options);
  console.log(options.json ? JSON.stringify(evaluation, null, 2) : formatEvaluation(evaluation));
  return 0;
}
