import type { Evaluation, ScenarioEvaluation } from './evaluate-alerts.ts';

const hours = (ms: number | null): string => (ms === null ? '-' : `${(ms / 3_600_000).toFixed(1)} h`);
const percent = (share: number | null): string => (share === null ? '-' : `${(share * 100).toFixed(0)} %`);

function row(s: ScenarioEvaluation): string[] {
  return [
    s.scenario,
    String(s.patients),
    s.patientDays.toFixed(1),
    s.events === 0 ? '-' : `${s.detected}/${s.events}`,
    percent(s.sensitivity),
    hours(s.delayMedianMs),
    hours(s.delayMaxMs),
    String(s.falseAlerts),
    s.falseAlertsPerPatientDay.toFixed(2),
    Object.entries(s.falseAlertsByRule)
      .sort(([, a], [, b]) => b - a)
      .map(([rule, n]) => `${rule}×${n}`)
      .join(' '),
  ];
}

/** The evaluation as a plain-text table, one scenario per row and the whole cohort last. */
export function formatEvaluation(evaluation: Evaluation): string {
  const header = [
    'scenario',
    'patients',
    'pt-days',
    'detected',
    'sensitivity',
    'delay med',
    'delay max',
    'false',
    'false/pt-day',
    'false alerts by rule',
  ];
  const rows = [header, ...evaluation.scenarios.map(row), row(evaluation.total)];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) =>
    r
      .map((cell, i) => (i === 0 || i === r.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.splice(lines.length - 1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const notes = [
    'delay: clinical events from onset to the measurement time of the first matching alert; device events to its raise time',
    ...(evaluation.ignoredAlerts > 0 ? [`${evaluation.ignoredAlerts} alerts ignored (raised after the run stopped)`] : []),
  ];
  return [...lines, '', ...notes].join('\n');
}
