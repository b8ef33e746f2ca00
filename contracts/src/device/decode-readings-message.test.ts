import { describe, expect, it } from 'vitest';
import { decodeReadingsMessage } from './decode-readings-message.ts';
import {
  ACCEPTED_EXAMPLES,
  EXAMPLE_AT,
  EXAMPLE_AT_MS,
  MESSAGE_REJECTION_EXAMPLES,
  READING_REJECTION_EXAMPLES,
  exampleMessage,
} from './protocol-examples.ts';

describe('decodeReadingsMessage: accepted readings', () => {
  it.each(ACCEPTED_EXAMPLES)('$name', ({ payload, expected }) => {
    const result = decodeReadingsMessage(Buffer.from(payload));
    expect(result).toEqual({ ok: true, seq: 7, accepted: [expected], rejected: [] });
  });

  it('keeps every reading of a store-and-forward upload, in order', () => {
    const readings = Array.from({ length: 500 }, (_, i) => ({
      type: 'heart_rate',
      at: new Date(EXAMPLE_AT_MS + i * 60_000).toISOString(),
      unit: '/min',
      value: 60 + (i % 30),
    }));
    const result = decodeReadingsMessage(Buffer.from(exampleMessage(...readings)));
    if (!result.ok) throw new Error(result.reason);
    expect(result.accepted).toHaveLength(500);
    expect(result.accepted.map((r) => r.at)).toEqual(readings.map((r) => Date.parse(r.at)));
  });
});

describe('decodeReadingsMessage: messages refused whole', () => {
  it.each(MESSAGE_REJECTION_EXAMPLES)('$name → $reason', ({ payload, reason }) => {
    const result = decodeReadingsMessage(typeof payload === 'string' ? Buffer.from(payload) : payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe(reason);
      expect(result.detail.length).toBeGreaterThan(0);
    }
  });
});

describe('decodeReadingsMessage: single readings refused, the rest kept', () => {
  it.each(READING_REJECTION_EXAMPLES)('$name → $reason', ({ reading, raw, reason }) => {
    const good = JSON.stringify({ type: 'heart_rate', at: EXAMPLE_AT, unit: '/min', value: 70 });
    const bad = raw ?? JSON.stringify(reading);
    const result = decodeReadingsMessage(Buffer.from(`{"seq":3,"readings":[${good},${bad}]}`));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.accepted).toEqual([{ type: 'heart_rate', at: EXAMPLE_AT_MS, value: 70 }]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ index: 1, reason });
    expect(result.rejected[0]?.detail.length).toBeGreaterThan(0);
  });
});
