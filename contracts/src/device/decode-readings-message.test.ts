import { describe, expect, it } from 'vitest';
import { decodeReadingsMessage } from './decode-readings-message.ts';
import type { RejectionReason } from './rejection-reasons.ts';

const AT = '2026-11-20T08:30:00+05:00';
const AT_MS = Date.parse(AT);
const msg = (...readings: unknown[]): string => JSON.stringify({ seq: 7, readings });

interface AcceptedCase {
  readonly name: string;
  readonly payload: string;
  readonly expected: unknown;
}

/** Payloads a device may send, and what the gateway makes of them (canonical units, epoch ms). */
const ACCEPTED: readonly AcceptedCase[] = [
  {
    name: 'heart rate',
    payload: msg({ type: 'heart_rate', at: AT, unit: '/min', value: 72 }),
    expected: { type: 'heart_rate', at: AT_MS, value: 72 },
  },
  { name: 'spo2 on air', payload: msg({ type: 'spo2', at: AT, unit: '%', value: 97 }), expected: { type: 'spo2', at: AT_MS, value: 97 } },
  {
    name: 'spo2 on oxygen',
    payload: msg({ type: 'spo2', at: AT, unit: '%', value: 93, onOxygen: true }),
    expected: { type: 'spo2', at: AT_MS, value: 93, onOxygen: true },
  },
  {
    name: 'respiratory rate',
    payload: msg({ type: 'respiratory_rate', at: AT, unit: '/min', value: 16 }),
    expected: { type: 'respiratory_rate', at: AT_MS, value: 16 },
  },
  {
    name: 'temperature in Cel',
    payload: msg({ type: 'body_temperature', at: AT, unit: 'Cel', value: 36.6 }),
    expected: { type: 'body_temperature', at: AT_MS, value: 36.6 },
  },
  {
    name: 'temperature in [degF] → Cel',
    payload: msg({ type: 'body_temperature', at: AT, unit: '[degF]', value: 100.4 }),
    expected: { type: 'body_temperature', at: AT_MS, value: 38 },
  },
  {
    name: 'blood pressure',
    payload: msg({ type: 'blood_pressure', at: AT, unit: 'mm[Hg]', systolic: 128, diastolic: 82 }),
    expected: { type: 'blood_pressure', at: AT_MS, systolic: 128, diastolic: 82 },
  },
  {
    name: 'blood pressure with cuff pulse',
    payload: msg({ type: 'blood_pressure', at: AT, unit: 'mm[Hg]', systolic: 128, diastolic: 82, pulse: 70 }),
    expected: { type: 'blood_pressure', at: AT_MS, systolic: 128, diastolic: 82, pulse: 70 },
  },
  {
    name: 'weight in kg',
    payload: msg({ type: 'body_weight', at: AT, unit: 'kg', value: 72.4 }),
    expected: { type: 'body_weight', at: AT_MS, value: 72.4 },
  },
  {
    name: 'weight in [lb_av] → kg',
    payload: msg({ type: 'body_weight', at: AT, unit: '[lb_av]', value: 160 }),
    expected: { type: 'body_weight', at: AT_MS, value: 72.57 },
  },
  {
    name: 'weight in g → kg',
    payload: msg({ type: 'body_weight', at: AT, unit: 'g', value: 72400 }),
    expected: { type: 'body_weight', at: AT_MS, value: 72.4 },
  },
  {
    name: 'glucose in mmol/L',
    payload: msg({ type: 'blood_glucose', at: AT, unit: 'mmol/L', value: 5.6 }),
    expected: { type: 'blood_glucose', at: AT_MS, value: 5.6 },
  },
  {
    name: 'glucose in mg/dL → mmol/L',
    payload: msg({ type: 'blood_glucose', at: AT, unit: 'mg/dL', value: 100 }),
    expected: { type: 'blood_glucose', at: AT_MS, value: 5.55 },
  },
  {
    name: 'UTC time with Z',
    payload: msg({ type: 'heart_rate', at: '2026-11-20T03:30:00Z', unit: '/min', value: 72 }),
    expected: { type: 'heart_rate', at: AT_MS, value: 72 },
  },
  {
    name: 'fractional seconds',
    payload: msg({ type: 'heart_rate', at: '2026-11-20T03:30:00.250Z', unit: '/min', value: 72 }),
    expected: { type: 'heart_rate', at: AT_MS + 250, value: 72 },
  },
];

describe('decodeReadingsMessage: accepted readings', () => {
  it.each(ACCEPTED)('$name', ({ payload, expected }) => {
    const result = decodeReadingsMessage(Buffer.from(payload));
    expect(result).toEqual({ ok: true, seq: 7, accepted: [expected], rejected: [] });
  });

  it('keeps every reading of a store-and-forward upload, in order', () => {
    const readings = Array.from({ length: 500 }, (_, i) => ({
      type: 'heart_rate',
      at: new Date(AT_MS + i * 60_000).toISOString(),
      unit: '/min',
      value: 60 + (i % 30),
    }));
    const result = decodeReadingsMessage(Buffer.from(msg(...readings)));
    if (!result.ok) throw new Error(result.reason);
    expect(result.accepted).toHaveLength(500);
    expect(result.accepted.map((r) => r.at)).toEqual(readings.map((r) => Date.parse(r.at)));
  });
});

interface MessageRejectionCase {
  readonly name: string;
  readonly payload: string | Uint8Array;
  readonly reason: RejectionReason;
}

/** Messages refused whole, with their reason. */
const MESSAGE_REJECTED: readonly MessageRejectionCase[] = [
  { name: 'not JSON', payload: 'hello', reason: 'PAYLOAD_NOT_JSON' },
  { name: 'truncated JSON', payload: '{"seq":1,"readings":[', reason: 'PAYLOAD_NOT_JSON' },
  { name: 'invalid UTF-8', payload: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), reason: 'PAYLOAD_NOT_JSON' },
  { name: 'empty payload', payload: '', reason: 'PAYLOAD_NOT_JSON' },
  { name: 'a JSON array', payload: '[1,2]', reason: 'MESSAGE_INVALID' },
  { name: 'null', payload: 'null', reason: 'MESSAGE_INVALID' },
  { name: 'no seq', payload: JSON.stringify({ readings: [{}] }), reason: 'MESSAGE_INVALID' },
  { name: 'seq as string', payload: JSON.stringify({ seq: '1', readings: [{}] }), reason: 'SEQ_INVALID' },
  { name: 'negative seq', payload: JSON.stringify({ seq: -1, readings: [{}] }), reason: 'SEQ_INVALID' },
  { name: 'fractional seq', payload: JSON.stringify({ seq: 1.5, readings: [{}] }), reason: 'SEQ_INVALID' },
  { name: 'seq beyond 2^53', payload: '{"seq":9007199254740993,"readings":[{}]}', reason: 'SEQ_INVALID' },
  { name: 'seq 1e999', payload: '{"seq":1e999,"readings":[{}]}', reason: 'SEQ_INVALID' },
  { name: 'no readings', payload: JSON.stringify({ seq: 1 }), reason: 'MESSAGE_INVALID' },
  { name: 'empty readings', payload: JSON.stringify({ seq: 1, readings: [] }), reason: 'MESSAGE_INVALID' },
  { name: 'readings not an array', payload: JSON.stringify({ seq: 1, readings: {} }), reason: 'MESSAGE_INVALID' },
  { name: 'unknown top-level field', payload: JSON.stringify({ seq: 1, readings: [{}], extra: 1 }), reason: 'MESSAGE_INVALID' },
  {
    name: 'too many readings',
    payload: JSON.stringify({ seq: 1, readings: Array.from({ length: 5001 }, () => 0) }),
    reason: 'TOO_MANY_READINGS',
  },
  { name: 'oversize payload', payload: new Uint8Array(512 * 1024 + 1), reason: 'PAYLOAD_TOO_LARGE' },
];

describe('decodeReadingsMessage: messages refused whole', () => {
  it.each(MESSAGE_REJECTED)('$name → $reason', ({ payload, reason }) => {
    const result = decodeReadingsMessage(typeof payload === 'string' ? Buffer.from(payload) : payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe(reason);
      expect(result.detail.length).toBeGreaterThan(0);
    }
  });
});

interface ReadingRejectionCase {
  readonly name: string;
  readonly reading: unknown;
  readonly reason: RejectionReason;
  /** raw JSON text of the reading, for values JSON.stringify cannot write */
  readonly raw?: string;
}

/** Single readings refused (the rest of their message is kept), with their reason. */
const READING_REJECTED: readonly ReadingRejectionCase[] = [
  { name: 'reading not an object', reading: 42, reason: 'READING_INVALID' },
  { name: 'unknown type', reading: { type: 'urine_output', at: AT, unit: 'mL', value: 300 }, reason: 'TYPE_UNKNOWN' },
  { name: 'type missing', reading: { at: AT, unit: '/min', value: 70 }, reason: 'TYPE_UNKNOWN' },
  { name: 'type with different case', reading: { type: 'Heart_Rate', at: AT, unit: '/min', value: 70 }, reason: 'TYPE_UNKNOWN' },
  { name: 'value as string', reading: { type: 'heart_rate', at: AT, unit: '/min', value: '70' }, reason: 'READING_INVALID' },
  { name: 'value missing', reading: { type: 'heart_rate', at: AT, unit: '/min' }, reason: 'READING_INVALID' },
  { name: 'value null', reading: { type: 'heart_rate', at: AT, unit: '/min', value: null }, reason: 'READING_INVALID' },
  {
    name: 'value 1e999 (Infinity)',
    reading: null,
    raw: `{"type":"heart_rate","at":"${AT}","unit":"/min","value":1e999}`,
    reason: 'VALUE_NOT_FINITE',
  },
  { name: 'value -1e999', reading: null, raw: `{"type":"spo2","at":"${AT}","unit":"%","value":-1e999}`, reason: 'VALUE_NOT_FINITE' },
  {
    name: 'systolic 1e999',
    reading: null,
    raw: `{"type":"blood_pressure","at":"${AT}","unit":"mm[Hg]","systolic":1e999,"diastolic":80}`,
    reason: 'VALUE_NOT_FINITE',
  },
  { name: 'unknown field', reading: { type: 'heart_rate', at: AT, unit: '/min', value: 70, note: 'x' }, reason: 'READING_INVALID' },
  {
    name: 'onOxygen on heart rate',
    reading: { type: 'heart_rate', at: AT, unit: '/min', value: 70, onOxygen: true },
    reason: 'READING_INVALID',
  },
  { name: 'onOxygen as string', reading: { type: 'spo2', at: AT, unit: '%', value: 95, onOxygen: 'yes' }, reason: 'READING_INVALID' },
  { name: 'blood pressure with value', reading: { type: 'blood_pressure', at: AT, unit: 'mm[Hg]', value: 120 }, reason: 'READING_INVALID' },
  {
    name: 'time without offset',
    reading: { type: 'heart_rate', at: '2026-11-20T08:30:00', unit: '/min', value: 70 },
    reason: 'TIME_INVALID',
  },
  { name: 'time as epoch number', reading: { type: 'heart_rate', at: 1763609400000, unit: '/min', value: 70 }, reason: 'TIME_INVALID' },
  { name: 'date only', reading: { type: 'heart_rate', at: '2026-11-20', unit: '/min', value: 70 }, reason: 'TIME_INVALID' },
  { name: 'impossible date', reading: { type: 'heart_rate', at: '2026-02-30T08:30:00Z', unit: '/min', value: 70 }, reason: 'TIME_INVALID' },
  { name: 'time missing', reading: { type: 'heart_rate', unit: '/min', value: 70 }, reason: 'TIME_INVALID' },
  { name: 'unit missing', reading: { type: 'heart_rate', at: AT, value: 70 }, reason: 'READING_INVALID' },
  { name: 'unit not accepted', reading: { type: 'heart_rate', at: AT, unit: 'bpm', value: 70 }, reason: 'UNIT_UNSUPPORTED' },
  {
    name: 'glucose in mg/dl (wrong case)',
    reading: { type: 'blood_glucose', at: AT, unit: 'mg/dl', value: 100 },
    reason: 'UNIT_UNSUPPORTED',
  },
  {
    name: 'temperature 98.6 labelled Cel',
    reading: { type: 'body_temperature', at: AT, unit: 'Cel', value: 98.6 },
    reason: 'UNIT_SUSPECT',
  },
  {
    name: 'temperature 37 labelled [degF]',
    reading: { type: 'body_temperature', at: AT, unit: '[degF]', value: 37 },
    reason: 'UNIT_SUSPECT',
  },
  { name: 'glucose 110 labelled mmol/L', reading: { type: 'blood_glucose', at: AT, unit: 'mmol/L', value: 110 }, reason: 'UNIT_SUSPECT' },
  { name: 'weight 72000 labelled kg', reading: { type: 'body_weight', at: AT, unit: 'kg', value: 72000 }, reason: 'UNIT_SUSPECT' },
  { name: 'heart rate 0', reading: { type: 'heart_rate', at: AT, unit: '/min', value: 0 }, reason: 'VALUE_OUT_OF_RANGE' },
  { name: 'heart rate 400', reading: { type: 'heart_rate', at: AT, unit: '/min', value: 400 }, reason: 'VALUE_OUT_OF_RANGE' },
  { name: 'spo2 101', reading: { type: 'spo2', at: AT, unit: '%', value: 101 }, reason: 'VALUE_OUT_OF_RANGE' },
  { name: 'spo2 negative', reading: { type: 'spo2', at: AT, unit: '%', value: -5 }, reason: 'VALUE_OUT_OF_RANGE' },
  { name: 'respiratory rate 150', reading: { type: 'respiratory_rate', at: AT, unit: '/min', value: 150 }, reason: 'VALUE_OUT_OF_RANGE' },
  { name: 'temperature 10 Cel', reading: { type: 'body_temperature', at: AT, unit: 'Cel', value: 10 }, reason: 'VALUE_OUT_OF_RANGE' },
  {
    name: 'systolic 400',
    reading: { type: 'blood_pressure', at: AT, unit: 'mm[Hg]', systolic: 400, diastolic: 80 },
    reason: 'VALUE_OUT_OF_RANGE',
  },
  {
    name: 'diastolic above systolic',
    reading: { type: 'blood_pressure', at: AT, unit: 'mm[Hg]', systolic: 80, diastolic: 120 },
    reason: 'VALUE_OUT_OF_RANGE',
  },
  {
    name: 'diastolic 5',
    reading: { type: 'blood_pressure', at: AT, unit: 'mm[Hg]', systolic: 120, diastolic: 5 },
    reason: 'VALUE_OUT_OF_RANGE',
  },
  {
    name: 'cuff pulse 500',
    reading: { type: 'blood_pressure', at: AT, unit: 'mm[Hg]', systolic: 120, diastolic: 80, pulse: 500 },
    reason: 'VALUE_OUT_OF_RANGE',
  },
  { name: 'glucose 0.1 mmol/L', reading: { type: 'blood_glucose', at: AT, unit: 'mmol/L', value: 0.1 }, reason: 'VALUE_OUT_OF_RANGE' },
  { name: 'weight 0.5 kg', reading: { type: 'body_weight', at: AT, unit: 'kg', value: 0.5 }, reason: 'VALUE_OUT_OF_RANGE' },
];

describe('decodeReadingsMessage: single readings refused, the rest kept', () => {
  it.each(READING_REJECTED)('$name → $reason', ({ reading, raw, reason }) => {
    const good = JSON.stringify({ type: 'heart_rate', at: AT, unit: '/min', value: 70 });
    const bad = raw ?? JSON.stringify(reading);
    const result = decodeReadingsMessage(Buffer.from(`{"seq":3,"readings":[${good},${bad}]}`));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.accepted).toEqual([{ type: 'heart_rate', at: AT_MS, value: 70 }]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ index: 1, reason });
    expect(result.rejected[0]?.detail.length).toBeGreaterThan(0);
  });
});
