/** `rpm-sim run --mix …`: a cohort with scenarios, simulated time and ground truth. */
import { resolve } from 'node:path';
import process from 'node:process';
import { ConsoleProgress, onInterrupt } from './cli-console.ts';
import type { RunExtras } from './cli-fleet.ts';
import { JsonLinesTruthFile } from './cohort/ground-truth.ts';
import { formatStatusLine } from './cli/format-status-line.ts';
import type { CliCohortOptions, CliRunOptions } from './cli/parse-cli-args.ts';
import { runEnrolledCohort, startCohort } from './fleet/start-cohort.ts';
import type { FleetStats } from './fleet/run-fleet.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

export async function runCohortCommand(options: CliRunOptions, cohortOptions: CliCohortOptions, extras: RunExtras): Promise<number> {
  const abort = new AbortController();
  const progress = new ConsoleProgress();
  const removeSignals = onInterrupt(abort, progress);
  const truth = new JsonLinesTruthFile(resolve(cohortOptions.truthPath));

  const running = {
    mqttUrl: options.mqttUrl,
    intervalMs: options.intervalMs,
    mix: cohortOptions.mix,
    days: cohortOptions.days,
    backdateDays: cohortOptions.backdateDays,
    speed: cohortOptions.speed,
    truth,
    ...(extras.firstSeq === undefined ? {} : { firstSeq: extras.firstSeq }),
    ...(extras.onAcknowledged === undefined ? {} : { onAcknowledged: extras.onAcknowledged }),
    log: progress.logger,
  };
  const fromFile = extras.fleet;
  const cohort =
    fromFile === undefined
      ? await startCohort({
          ...running,
          apiUrl: options.apiUrl,
          username: options.username,
          password: options.password,
          devices: options.devices,
          seed: options.seed,
          ...(options.teamId === undefined ? {} : { teamId: options.teamId }),
          signal: abort.signal,
        })
      : runEnrolledCohort({ ...running, seed: fromFile.seed }, fromFile.devices);
  const counts = new Map<string, number>();
  for (const p of cohort.plans) counts.set(`${p.scenario}/${p.programme}`, (counts.get(`${p.scenario}/${p.programme}`) ?? 0) + 1);
  progress.print(
    `cohort of ${cohort.devices.length}: ${[...counts].map(([k, n]) => `${k}×${n}`).join(', ')}\n` +
      `simulated ${iso(cohort.simStartMs)} → ${iso(cohort.simEndMs)} at ${cohortOptions.speed}× (never ahead of real time); ` +
      `ground truth → ${truth.path}; Ctrl-C stops`,
    false,
  );

  const startedAt = Date.now();
  let previous: FleetStats | undefined;
  let previousAt = startedAt;
  const report = (): void => {
    const now = Date.now();
    const stats = cohort.stats();
    progress.update(formatStatusLine(stats, previous, (now - startedAt) / 1000, (now - previousAt) / 1000, cohort.simNow()));
    previous = stats;
    previousAt = now;
  };
  const statusTimer = setInterval(report, process.stdout.isTTY ? 1_000 : 5_000);
  const endTimer = setInterval(() => {
    if (cohort.finished()) {
      progress.print('simulated time reached the end of the cohort', false);
      abort.abort();
    }
  }, 500);

  await new Promise<void>((done) => {
    if (abort.signal.aborted) done();
    abort.signal.addEventListener('abort', () => done(), { once: true });
    if (options.durationS !== undefined) setTimeout(() => abort.abort(), options.durationS * 1000).unref();
  });
  clearInterval(statusTimer);
  clearInterval(endTimer);
  await cohort.stop();
  report();
  progress.done();
  const final = cohort.stats();
  console.log(
    `stopped at simulated ${iso(cohort.simNow())}: ${final.acknowledged} of ${final.created} messages acknowledged, ` +
      `${final.pending} not delivered, ${final.dropped} dropped\n` +
      `evaluate with: RPM_SIM_PASSWORD=… node simulators/src/cli.ts evaluate --truth ${truth.path} --api ${fromFile?.apiUrl ?? options.apiUrl} --username ${options.username}`,
  );
  for (const line of extras.finish(cohort.deviceStats())) console.log(line);
  removeSignals();
  return 0;
}
