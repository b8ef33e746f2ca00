import type { Alert } from '@rpm/contracts';
import type { EventRecord, TruthRecord } from './ground-truth.ts';

const DAY_MS = 86_400_000;

/** The fields of an alert the evaluation reads. */
export type AlertLike = Pick<Alert, 'id' | 'patientId' | 'ruleId' | 'measuredAt' | 'raisedAt'>;

export interface ScenarioEvaluation {
  readonly scenario: string;
  readonly patients: number;
  readonly patientDays: number;
  /** injected events that some rule should detect */
  readonly events: number;
  readonly detected: number;
  /** detected / events; null when no event expects an alert */
  readonly sensitivity: number | null;
  /** from onset to the first matching alert: data time (measuredAt) for clinical events, raise time for device events */
  readonly delayMedianMs: number | null;
  readonly delayMaxMs: number | null;
  /** alerts on these patients that no event explains */
  readonly falseAlerts: number;
  readonly falseAlertsPerPatientDay: number;
  readonly falseAlertsByRule: Readonly<Record<string, number>>;
}

export interface Evaluation {
  readonly scenarios: readonly ScenarioEvaluation[];
  readonly total: ScenarioEvaluation;
  /** alerts left out: other patients, or raised after the run stopped (the stop itself takes devices offline) */
  readonly ignoredAlerts: number;
}

/** `fever` matches `fever`; `missing_*` matches every rule starting with `missing_`. */
export function ruleMatches(ruleId: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? ruleId.startsWith(p.slice(0, -1)) : ruleId === p));
}

/** The instant of an alert the event is compared with, and the event's window on that clock. */
function window(event: EventRecord): { at: (a: AlertLike) => number; from: number; to: number } {
  if (event.kind === 'device') {
    // Device faults follow the simulated clock but the platform sees them in real time: compare raise times.
    return { at: (a) => Date.parse(a.raisedAt), from: Date.parse(event.onsetWallAt), to: Number.POSITIVE_INFINITY };
  }
  return { at: (a) => Date.parse(a.measuredAt), from: Date.parse(event.onsetAt), to: Date.parse(event.endAt) };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Matches the platform's alerts against the ground truth. An event is detected by an alert of the same patient
 * whose rule is one of the event's expected rules, inside the event's window (from the onset to the end of its
 * effect). An alert is false when no event of its patient explains it (expected or related rule, inside the window).
 * Exposure is patient-days of simulated time, from the cohort's start to its end.
 */
export function evaluateAlerts(records: readonly TruthRecord[], alerts: readonly AlertLike[]): Evaluation {
  const run = records.find((r) => r.type === 'run');
  const end = records.find((r) => r.type === 'end');
  const patients = records.filter((r) => r.type === 'patient');
  const events = records.filter((r) => r.type === 'event');
  const simStart = run === undefined ? 0 : Date.parse(run.simStartAt);
  const simEnd = end !== undefined ? Date.parse(end.simEndAt) : simStart + (run?.days ?? 0) * DAY_MS;
  const wallEnd = end === undefined ? Number.POSITIVE_INFINITY : Date.parse(end.wallEndAt);
  const daysPerPatient = Math.max(0, simEnd - simStart) / DAY_MS;

  const scenarioOf = new Map(patients.map((p) => [p.patientId, p.scenario]));
  const considered = alerts.filter((a) => scenarioOf.has(a.patientId) && Date.parse(a.raisedAt) < wallEnd);
  const eventsOf = new Map<string, EventRecord[]>();
  for (const e of events) eventsOf.set(e.patientId, [...(eventsOf.get(e.patientId) ?? []), e]);

  const explained = (alert: AlertLike): boolean =>
    (eventsOf.get(alert.patientId) ?? []).some((e) => {
      const w = window(e);
      const at = w.at(alert);
      return at >= w.from && at <= w.to && ruleMatches(alert.ruleId, [...e.expectedRuleIds, ...e.relatedRuleIds]);
    });

  const evaluate = (name: string, patientIds: ReadonlySet<string>): ScenarioEvaluation => {
    const delays: number[] = [];
    let expectedEvents = 0;
    for (const e of events.filter((ev) => patientIds.has(ev.patientId) && ev.expectedRuleIds.length > 0)) {
      expectedEvents++;
      const w = window(e);
      const firsts = considered
        .filter((a) => a.patientId === e.patientId && ruleMatches(a.ruleId, e.expectedRuleIds))
        .map((a) => w.at(a))
        .filter((at) => at >= w.from && at <= w.to);
      if (firsts.length > 0) delays.push(Math.min(...firsts) - w.from);
    }
    const falseAlerts = considered.filter((a) => patientIds.has(a.patientId) && !explained(a));
    const byRule: Record<string, number> = {};
    for (const a of falseAlerts) byRule[a.ruleId] = (byRule[a.ruleId] ?? 0) + 1;
    const patientDays = patientIds.size * daysPerPatient;
    return {
      scenario: name,
      patients: patientIds.size,
      patientDays,
      events: expectedEvents,
      detected: delays.length,
      sensitivity: expectedEvents === 0 ? null : delays.length / expectedEvents,
      delayMedianMs: median(delays),
      delayMaxMs: delays.length === 0 ? null : Math.max(...delays),
      falseAlerts: falseAlerts.length,
      falseAlertsPerPatientDay: patientDays === 0 ? 0 : falseAlerts.length / patientDays,
      falseAlertsByRule: byRule,
    };
  };

  const names = [...new Set(patients.map((p) => p.scenario))].sort();
  return {
    scenarios: names.map((name) => evaluate(name, new Set(patients.filter((p) => p.scenario === name).map((p) => p.patientId)))),
    total: evaluate('all', new Set(scenarioOf.keys())),
    ignoredAlerts: alerts.length - considered.length,
  };
}
