import { describe, expect, it } from 'vitest';
import { formatNumber, formatTable } from './format-table.ts';
import { failedRow, summariseMeasurement } from './summarise.ts';

describe('formatNumber', () => {
  it.each([
    { value: 152_345.6, text: '152,346' },
    { value: 100, text: '100' },
    { value: 42.1234, text: '42.1' },
    { value: 0.61234, text: '0.612' },
    { value: 0, text: '0' },
    { value: Number.NaN, text: '–' },
    { value: undefined, text: '–' },
  ])('$value → $text', ({ value, text }) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe('formatTable', () => {
  const met = summariseMeasurement('ingest', {
    metric: 'ingest, 50 readings/message',
    unit: 'readings/s',
    samples: [160_000, 170_000],
    baseline: { name: 'direct InfluxDB write', samples: [250_000] },
    target: { op: '>=', value: 150_000, text: '≥ 150,000 readings/s' },
  });
  const notMet = summariseMeasurement('alert-latency', {
    metric: 'p99 at 90%',
    unit: 'ms',
    samples: [300],
    target: { op: '<=', value: 250, text: '≤ 250 ms' },
    limitedBy: 'socket.io fan-out | 50 clients',
  });
  const lines = formatTable([met, notMet, failedRow('backlog', new Error('boom'))]).split('\n');

  it('has a header, a separator and one line per row, each with the same number of cells', () => {
    expect(lines).toHaveLength(5);
    const cellCount = (line: string): number => line.split(/(?<!\\)\|/).length;
    for (const line of lines) expect(cellCount(line)).toBe(cellCount(lines[0] ?? ''));
  });

  it('shows median, min–max, the baseline, the ratio and the verdict', () => {
    expect(lines[2]).toBe(
      '| ingest | ingest, 50 readings/message | readings/s | 165,000 | 160,000–170,000 | 250,000 (direct InfluxDB write) | 0.66× | ≥ 150,000 readings/s | met |',
    );
  });

  it('says what limits a target not met, escaping pipes, and marks a failed workload', () => {
    expect(lines[3]).toContain('NOT MET (limited by: socket.io fan-out \\| 50 clients)');
    expect(lines[4]).toContain('FAILED: boom');
  });
});
