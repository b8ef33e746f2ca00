import { describe, expect, it } from 'vitest';
import type { SessionRecord } from './session-record.ts';
import { shiftSessionToNow } from './shift-session.ts';

const HOUR_MS = 3_600_000;
const message = (deviceId: string, seq: number, ...at: string[]): SessionRecord => ({
  deviceId,
  topic: `rpm/v1/devices/${deviceId}/readings`,
  seq,
  sentAt: '2026-12-01T00:00:00.000Z',
  payload: JSON.stringify({ seq, readings: at.map((t) => ({ type: 'pulse', at: t, unit: '/min', value: 70 })) }),
});
const payloadOf = (r: SessionRecord | undefined): { seq: number; readings: { at: string }[] } =>
  JSON.parse(r?.payload ?? '{}') as { seq: number; readings: { at: string }[] };

const session = [
  message('a', 3, '2026-12-01T08:00:00.000+05:00', '2026-12-01T09:00:00.000+05:00'),
  message('b', 10, '2026-12-01T09:30:00.000+05:00'),
  message('a', 4, '2026-12-01T10:00:00.000+05:00'), // newest: 05:00Z
  message('b', 11, '2026-12-01T04:30:00.000Z'),
];
const now = Date.parse('2026-12-03T05:00:00.000Z');

describe('shiftSessionToNow', () => {
  it('moves every measurement time by the same amount so the newest is now, keeping each offset', () => {
    const shifted = shiftSessionToNow(session, now);
    expect(shifted.shiftMs).toBe(48 * HOUR_MS);
    expect(shifted.records.map((r) => payloadOf(r).readings.map((x) => x.at))).toEqual([
      ['2026-12-03T08:00:00.000+05:00', '2026-12-03T09:00:00.000+05:00'],
      ['2026-12-03T09:30:00.000+05:00'],
      ['2026-12-03T10:00:00.000+05:00'],
      ['2026-12-03T04:30:00.000+00:00'],
    ]);
    expect(Math.max(...shifted.records.flatMap((r) => payloadOf(r).readings.map((x) => Date.parse(x.at))))).toBe(now);
  });

  it.each([
    { name: 'after the recording when the fleet file knows no later seq', lastSeq: {}, a: [5, 6], b: [12, 13] },
    { name: "after the fleet file's last seq when it is later", lastSeq: { a: 40 }, a: [41, 42], b: [12, 13] },
    { name: "after the recording when the fleet file's is earlier", lastSeq: { a: 1, b: 2 }, a: [5, 6], b: [12, 13] },
  ])('renumbers each device, in recorded order, $name', ({ lastSeq, a, b }) => {
    const { records } = shiftSessionToNow(session, now, (id) => (lastSeq as Record<string, number>)[id]);
    const seqs = (id: string): number[] => records.filter((r) => r.deviceId === id).map((r) => r.seq);
    expect(seqs('a')).toEqual(a);
    expect(seqs('b')).toEqual(b);
    for (const r of records) expect(payloadOf(r).seq).toBe(r.seq); // the payload says the same seq
  });

  it('keeps device, topic and sent-at, and changes nothing but seq and times in the payload', () => {
    const [first] = shiftSessionToNow([session[0] as SessionRecord], now).records;
    expect(first).toMatchObject({ deviceId: 'a', topic: 'rpm/v1/devices/a/readings', sentAt: '2026-12-01T00:00:00.000Z' });
    // alone, its newest reading (09:00+05:00 = 04:00Z) becomes now (05:00Z two days later): +49 h
    expect(payloadOf(first).readings[0]).toEqual({ type: 'pulse', at: '2026-12-03T09:00:00.000+05:00', unit: '/min', value: 70 });
  });

  it('sends what is not a readings message as recorded, and leaves a time without an offset alone', () => {
    const truncated = { ...message('a', 5), payload: '{"seq":5,"readi' };
    const noOffset = message('a', 6, '2026-12-01T10:00:00.000');
    const shifted = shiftSessionToNow([...session, truncated, noOffset], now);
    expect(shifted.unchanged).toBe(1);
    expect(shifted.records[4]?.payload).toBe(truncated.payload);
    expect(payloadOf(shifted.records[5]).readings[0]?.at).toBe('2026-12-01T10:00:00.000');
    expect(shifted.shiftMs).toBe(48 * HOUR_MS);
  });

  it('does not move anything when no payload has a time', () => {
    expect(shiftSessionToNow([{ ...message('a', 1), payload: 'x' }], now)).toMatchObject({ shiftMs: 0, unchanged: 1 });
  });
});
