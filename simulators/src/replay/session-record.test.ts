import { describe, expect, it } from 'vitest';
import { formatSessionRecord, parseSessionRecords, toSessionRecord, type SessionRecord } from './session-record.ts';

const record: SessionRecord = {
  deviceId: 'dev-1',
  topic: 'rpm/v1/devices/dev-1/readings',
  seq: 7,
  sentAt: '2026-12-01T10:00:00.000Z',
  payload: '{"seq":7,"readings":[{"type":"spo2","at":"2026-12-01T15:00:00.000+05:00","unit":"%","value":95}]}',
};
const line = (changes: Record<string, unknown>): string => JSON.stringify({ ...record, ...changes });

describe('session recording format', () => {
  it('is one JSON object per line with device id, topic, seq, sent-at and the payload byte for byte', () => {
    const formatted = formatSessionRecord(
      toSessionRecord({ deviceId: 'dev-1', topic: record.topic, seq: 7, payload: record.payload, sentAtMs: Date.parse(record.sentAt) }),
    );
    expect(formatted).not.toContain('\n');
    expect(JSON.parse(formatted)).toEqual(record);
    expect(parseSessionRecords(`${formatted}\n\n${formatted}\n`)).toEqual({ ok: true, records: [record, record] });
  });

  it('keeps a malformed payload as it was sent (the faulty-firmware scenario records those too)', () => {
    const truncated = { ...record, payload: '{"seq":7,"readin' };
    expect(parseSessionRecords(formatSessionRecord(truncated))).toEqual({ ok: true, records: [truncated] });
  });

  it.each([
    { name: 'not JSON', text: '{"deviceId":', problem: 'line 1: not JSON' },
    { name: 'an array', text: '[1]', problem: 'not an object' },
    { name: 'no device id', text: line({ deviceId: '' }), problem: 'deviceId' },
    { name: "another device's topic", text: line({ topic: 'rpm/v1/devices/dev-2/readings' }), problem: 'topic' },
    { name: 'the status topic', text: line({ topic: 'rpm/v1/devices/dev-1/status' }), problem: 'topic' },
    { name: 'negative seq', text: line({ seq: -1 }), problem: 'seq' },
    { name: 'fractional seq', text: line({ seq: 1.5 }), problem: 'seq' },
    { name: 'sent-at not a time', text: line({ sentAt: 'yesterday' }), problem: 'sentAt' },
    { name: 'payload as an object', text: line({ payload: { seq: 7 } }), problem: 'payload' },
  ])('refuses $name', ({ text, problem }) => {
    const parsed = parseSessionRecords(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problems.join('\n')).toContain(problem);
  });

  it('lists every bad line with its number', () => {
    const parsed = parseSessionRecords([formatSessionRecord(record), 'x', formatSessionRecord(record), line({ seq: 'a' })].join('\n'));
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.split(':')[0])).toEqual(['line 2', 'line 4']);
  });
});
