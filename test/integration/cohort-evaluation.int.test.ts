import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonLinesTruthFile, evaluateCohort, formatEvaluation, startCohort, type Cohort, type Evaluation } from '@rpm/simulators';
import { eventually } from '../harness/eventually.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { TEST_ADMIN_PASSWORD, startTestPlatform, type TestPlatform } from '../harness/platform.ts';

/**
 * Issue #7 item 5: a small cohort through the real platform (gateway, spool, InfluxDB, rules, alerts, API), then
 * the simulator's own evaluation. The critical clinical scenarios must be detected and the stable patients must stay
 * quiet.
 *
 * Six simulated days, not two or three: heart-failure decompensation needs a 2-day weight baseline and +2 kg over
 * 3 days to cross weight_gain_3d (ESC HFA), so its onset falls 2 days in and it is seen up to 4 days later
 * (scenario-catalogue.ts: warm-up 2 d, runway 4 d). At 25,000× the six days take about 21 s of real time.
 *
 * The patients skip no measuring session here (`skipSessions: false`): with the usual 3–5 % skips, a skipped fasting
 * glucose hides a hypoglycaemia and a skipped morning weight a decompensation, and which sessions are skipped depends
 * on the date the test runs. Sensitivity under realistic adherence is what the 100-patient run measures
 * (docs/simulator.md "Results").
 */
const SEED = 7;
const DEVICES = 24;
const DAYS = 6;
const SPEED = 25_000;
/** real ms between a device's ticks: at 25,000× each tick carries ~40 simulated minutes of measurements */
const TICK_MS = 100;
/** 2 patients for each critical scenario, 3 for heart failure (below), 13 stable (shares must add up to 1) */
const MIX = {
  stable: 0.539,
  infection: 0.084,
  hypertensive_crisis: 0.084,
  hypoglycaemia: 0.084,
  copd_exacerbation: 0.084,
  hf_decompensation: 0.125,
} as const;
/** every event of these must be detected */
const ALWAYS_DETECTED = ['infection', 'hypertensive_crisis', 'hypoglycaemia', 'copd_exacerbation'] as const;
/**
 * Heart-failure decompensation is not among the critical events: weight_gain_3d is a medium-priority alarm. The
 * simulated decompensation (+2.5 kg over 3 days, linear, as issue #7 states it) passes the rule's > 2 kg only at the
 * one morning three days after the last weighing before the onset, by 0.1–0.5 kg, against ±0.2 kg of noise: ~87 % of
 * onsets are detectable (physiology/hf-decompensation-weights.test.ts; docs/clinical-rules.md). So at least one of
 * the three.
 */
const HF_MIN_DETECTED = 1;

/**
 * False alerts on stable patients, per patient-day, at most. The measured 100-patient, 7-day cohort had 0.01
 * (docs/simulator.md "Results"); 0.1 leaves room for this small cohort's coarseness (13 stable patients × 6 days:
 * up to 7 false alerts pass) while still failing a platform that pages on normal home readings every few days.
 *
 * `missing_*` alerts are not counted: the missing-data rules judge gaps on the platform's real clock, and history
 * replayed days behind it at 25,000× looks late to them (docs/simulator.md "Simulated time"). They are an artefact
 * of accelerated time, not of the readings; the test bounds them separately, per patient, so a flood still fails.
 */
const MAX_FALSE_ALERTS_PER_STABLE_PATIENT_DAY = 0.1;
/** one per missing-data rule of a programme (weight, BP, temperature, SpO2, glucose): at most 5 per patient */
const MAX_MISSING_DATA_ALERTS_PER_PATIENT = 5;

const isMissingData = (ruleId: string): boolean => ruleId.startsWith('missing_');

describe('a simulated cohort through the real platform, evaluated against its ground truth', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let truthDir: string;
  let cohort: Cohort | undefined;

  beforeAll(async () => {
    truthDir = await mkdtemp(join(tmpdir(), 'rpm-cohort-truth-'));
    influx = await startInfluxd();
    // The whole cohort connects within 2 s: lift the gateway's connect throttle (a flood guard for real fleets).
    platform = await startTestPlatform(influx.url, { RPM_MQTT_CONNECT_BURST: '100000', RPM_MQTT_CONNECT_RATE_PER_SEC: '100000' });
  });

  afterAll(async () => {
    await cohort?.stop();
    await platform.stop();
    await influx.stop();
    await rm(truthDir, { recursive: true, force: true });
  });

  it(`detects the critical events; stable patients ≤ ${MAX_FALSE_ALERTS_PER_STABLE_PATIENT_DAY} false alerts per patient-day`, async () => {
    const truthPath = join(truthDir, 'truth.jsonl');
    const c = (cohort = await startCohort({
      apiUrl: platform.httpUrl,
      mqttUrl: `mqtt://127.0.0.1:${platform.mqttPort}`,
      username: 'admin',
      password: TEST_ADMIN_PASSWORD,
      devices: DEVICES,
      seed: SEED,
      mix: MIX,
      days: DAYS,
      backdateDays: DAYS,
      speed: SPEED,
      intervalMs: TICK_MS,
      skipSessions: false,
      truth: new JsonLinesTruthFile(truthPath),
    }));
    expect(c.backdateHonoured).toBe(true);
    const evaluate = (): Promise<Evaluation> =>
      evaluateCohort({ truthPath, apiUrl: platform.httpUrl, username: 'admin', password: TEST_ADMIN_PASSWORD });

    await eventually(() => (c.finished() ? true : undefined), 60_000, 'simulated time to reach the end of the cohort');
    await eventually(() => (c.stats().pending === 0 ? true : undefined), 15_000, 'every message acknowledged');
    // PUBACK means stored; the rules may still be raising the last alerts. Stop only once they have (or after 15 s):
    // the evaluation ignores alerts raised after the stop, which takes every device offline.
    await eventually(
      async () => {
        const { total } = await evaluate();
        return total.detected === total.events ? true : undefined;
      },
      15_000,
      'every event detected',
    ).catch(() => undefined); // the assertions below say which ones were not
    await c.stop();
    const stats = c.stats();
    const evaluation = await evaluate();
    const table = formatEvaluation(evaluation);

    expect(stats.dropped, table).toBe(0);
    expect(stats.acknowledged, table).toBe(stats.created);
    for (const scenario of ALWAYS_DETECTED) {
      const row = evaluation.scenarios.find((s) => s.scenario === scenario);
      expect(row?.events, `${scenario} injected\n${table}`).toBeGreaterThan(0);
      expect(row?.detected, `${scenario} detected\n${table}`).toBe(row?.events);
    }
    const hf = evaluation.scenarios.find((s) => s.scenario === 'hf_decompensation');
    expect(hf?.events, table).toBe(3);
    expect(hf?.detected, table).toBeGreaterThanOrEqual(HF_MIN_DETECTED);
    const stable = evaluation.scenarios.find((s) => s.scenario === 'stable');
    const byRule = Object.entries(stable?.falseAlertsByRule ?? {});
    const clinicalFalse = byRule.filter(([rule]) => !isMissingData(rule)).reduce((n, [, count]) => n + count, 0);
    const missingData = byRule.filter(([rule]) => isMissingData(rule)).reduce((n, [, count]) => n + count, 0);
    expect(stable?.patientDays, table).toBeGreaterThan(0);
    expect(clinicalFalse / (stable?.patientDays ?? 1), table).toBeLessThanOrEqual(MAX_FALSE_ALERTS_PER_STABLE_PATIENT_DAY);
    expect(missingData, table).toBeLessThanOrEqual(MAX_MISSING_DATA_ALERTS_PER_PATIENT * (stable?.patients ?? 0));
  });
});
