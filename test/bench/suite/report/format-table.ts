import type { SummaryRow } from './summarise.ts';

const HEADER = ['workload', 'metric', 'unit', 'median', 'min–max', 'baseline median', 'ratio', 'target', 'met'] as const;

/** A figure with a precision that suits its size: 3 significant digits below 100, whole numbers with separators above. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en');
  if (abs === 0) return '0';
  return Number(value.toPrecision(3)).toString();
}

function verdictCell(row: SummaryRow): string {
  switch (row.verdict) {
    case 'met':
      return 'met';
    case 'not met':
      return `NOT MET${row.limitedBy === undefined ? '' : ` (limited by: ${row.limitedBy})`}`;
    case 'no target':
      return '';
    case 'failed':
      return `FAILED: ${row.error ?? 'unknown error'}`;
  }
}

function cells(row: SummaryRow): string[] {
  const range = row.samples.length === 0 ? '–' : `${formatNumber(row.min)}–${formatNumber(row.max)}`;
  return [
    row.workload,
    row.metric,
    row.unit,
    formatNumber(row.median),
    range,
    row.baselineMedian === undefined ? '' : `${formatNumber(row.baselineMedian)} (${row.baselineName ?? ''})`,
    row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`,
    row.target?.text ?? '',
    verdictCell(row),
  ];
}

/** The table as Markdown (it is printed to stdout and kept in docs/benchmarks/latest.md); pipes inside cells escaped. */
export function formatTable(rows: readonly SummaryRow[]): string {
  const escape = (s: string): string => s.replace(/\|/g, '\\|');
  const line = (values: readonly string[]): string => `| ${values.map(escape).join(' | ')} |`;
  return [line(HEADER), line(HEADER.map(() => '---')), ...rows.map((r) => line(cells(r)))].join('\n');
}
