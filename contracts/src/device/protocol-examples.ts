import type { RejectionReason } from './rejection-reasons.ts';

/**
 * Worked examples of device protocol v1: payloads the gateway accepts (with what it stores) and payloads it refuses
 * (with the reason). The unit tests and the gateway's hostile-input test both run them; device makers can use them as
 * a conformance list.
 */
export const EXAMPLE_AT = '2026-11-20T08:30:00+05:00';
export const EXAMPLE_AT_MS = Date.parse(EXAMPLE_AT);
export const exampleMessage = (...readings: unknown[]): string => JSON.stringify({ seq: 7, readings });

export interface AcceptedCase {
  readonly name: string;
  readonly payload: string;
  readonly expected: unknown;
}

/** Payloads a device may send, and what the gateway makes of them (canonical units, epoch ms). */
export const ACCEPTED_EXAMPLES: readonly AcceptedCase[] = [
  {
    name: 'heart rate',
    payload: exampleMessage({ type: 'heart_rate', at: EXAMPLE_AT, unit: '/min', value: 72 }),
    expected: { type: 'heart_rate', at: EXAMPLE_AT_MS, value: 72 },
  },
  {
    name: 'spo2 on air',
    payload: exampleMessage({ type: 'spo2', at: EXAMPLE_AT, unit: '%', value: 97 }),
    expected: { type: 'spo2', at: EXAMPLE_AT_MS, value: 97 },
  },
  {
    name: 'spo2 on oxygen',
    payload: exampleMessage({ type: 'spo2', at: EXAMPLE_AT, unit: '%', value: 93, onOxygen: true }),
    expected: { type: 'spo2', at: EXAMPLE_AT_MS, value: 93, onOxygen: true },
  },
  {
    name: 'respiratory rate',
    payload: exampleMessage({ type: 'respiratory_rate', at: EXAMPLE_AT, unit: '/min', value: 16 }),
    expected: { type: 'respiratory_rate', at: EXAMPLE_AT_MS, value: 16 },
  },
  {
    name: 'temperature in Cel',
    payload: exampleMessage({ type: 'body_temperature', at: EXAMPLE_AT, unit: 'Cel', value: 36.6 }),
    expected: { type: 'body_temperature', at: EXAMPLE_AT_MS, value: 36.6 },
  },
  {
    name: 'temperature in [degF] → Cel',
    payload: exampleMessage({ type: 'body_temperature', at: EXAMPLE_AT, unit: '[degF]', value: 100.4 }),
    expected: { type: 'body_temperature', at: EXAMPLE_AT_MS, value: 38 },
  },
  {
    name: 'blood pressure',
    payload: exampleMessage({ type: 'blood_pressure', at: EXAMPLE_AT, unit: 'mm[Hg]', systolic: 128, diastolic: 82 }),
    expected: { type: 'blood_pressure', at: EXAMPLE_AT_MS, systolic: 128, diastolic: 82 },
  },
  {
    name: 'blood pressure with cuff pulse',
    payload: exampleMessage({ type: 'blood_pressure', at: EXAMPLE_AT, unit: 'mm[Hg]', systolic: 128, diastolic: 82, pulse: 70 }),
    expected: { type: 'blood_pressure', at: EXAMPLE_AT_MS, systolic: 128, diastolic: 82, pulse: 70 },
  },
  {
    name: 'weight in kg',
    payload: exampleMessage({ type: 'body_weight', at: EXAMPLE_AT, unit: 'kg', value: 72.4 }),
    expected: { type: 'body_weight', at: EXAMPLE_AT_MS, value: 72.4 },
  },
  {
    name: 'weight in [lb_av] → kg',
    payload: exampleMessage({ type: 'body_weight', at: EXAMPLE_AT, unit: '[lb_av]', value: 160 }),
    expected: { type: 'body_weight', at: EXAMPLE_AT_MS, value: 72.57 },
  },
  {
    name: 'weight in g → kg',
    payload: exampleMessage({ type: 'body_weight', at: EXAMPLE_AT, unit: 'g', value: 72400 }),
    expected: { type: 'body_weight', at: EXAMPLE_AT_MS, value: 72.4 },
  },
  {
    name: 'glucose in mmol/L',
    payload: exampleMessage({ type: 'blood_glucose', at: EXAMPLE_AT, unit: 'mmol/L', value: 5.6 }),
    expected: { type: 'blood_glucose', at: EXAMPLE_AT_MS, value: 5.6 },
  },
  {
    name: 'glucose in mg/dL → mmol/L',
    payload: exampleMessage({ type: 'blood_glucose', at: EXAMPLE_AT, unit: 'mg/dL', value: 100 }),
    expected: { type: 'blood_glucose', at: EXAMPLE_AT_MS, value: 5.55 },
  },
  {
    name: 'UTC time with Z',
    payload: exampleMessage({ type: 'heart_rate', at: '2026-11-20T03:30:00Z', unit: '/min', value: 72 }),
    expected: { type: 'heart_rate', at: EXAMPLE_AT_MS, value: 72 },
  },
  {
    name: 'fractional seconds',
    payload: exampleMessage({ type: 'heart_rate', at: '2026-11-20T03:30:00.250Z', unit: '/min', value: 72 }),
    expected: { type: 'heart_rate', at: EXAMPLE_AT_MS + 250, value: 72 },
  },
];

export interface MessageRejectionCase {
  readonly name: string;
  readonly payload: string | Uint8Array;
  readonly reason: RejectionReason;
}

/** Messages refused whole, with their reason. */
export const MESSAGE_REJECTION_EXAMPLES: readonly MessageRejectionCase[] = [
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

export interface ReadingRejectionCase {
  readonly name: string;
  readonly reading: unknown;
  readonly reason: RejectionReason;
  /** raw JSON text of the reading, for values JSON.stringify cannot write */
  readonly raw?: string;
}

/** Single readings refused (the rest of their message is kept), with their reason. */
export const READING_REJECTION_EXAMPLES: readonly ReadingRejectionCase[] = [
  { name: 'reading not an object', reading: 42, reason: 'READING_INVALID' },
  { name: 'unknown type', reading: { type: 'urine_output', at: EXAMPLE_AT, unit: 'mL', value: 300 }, reason: 'TYPE_UNKNOWN' },
  { name: 'type missing', reading: { at: EXAMPLE_AT, unit: '/min', value: 70 }, reason: 'TYPE_UNKNOWN' },
  { name: 'type with different case', reading: { type: 'Heart_Rate', at: EXAMPLE_AT, unit: '/min', value: 70 }, reason: 'TYPE_UNKNOWN' },
  { name: 'value as string', reading: { type: 'heart_rate', at: EXAMPLE_AT, unit: '/min', value: '70' }, reason: 'READING_INVALID' },
  { name: 'value missing', reading: { type: 'heart_rate', at: EXAMPLE_AT, unit: '/min' }, reason: 'READING_INVALID' },
  { name: 'value null', reading: { type: 'heart_rate', at: EXAMPLE_AT, unit: '/min', value: null }, reason: 'READING_INVALID' },
  {
    name: 'value 1e999 (Infinity)',
    reading: null,
    raw: `{"type":"heart_rate","at":"${EXAMPLE_AT}","unit":"/min","value":1e999}`,
    reason: 'VALUE_NOT_FINITE',
  },
  {
    name: 'value -1e999',
    reading: null,
    raw: `{"type":"spo2","at":"${EXAMPLE_AT}","unit":"%","value":-1e999}`,
    reason: 'VALUE_NOT_FINITE',
  },
  {
    name: 'systolic 1e999',
    reading: null,
    raw: `{"type":"blood_pressure","at":"${EXAMPLE_AT}","unit":"mm[Hg]","systolic":1e999,"diastolic":80}`,
    reason: 'VALUE_NOT_FINITE',
  },
  { name: 'unknown field', reading: { type: 'heart_rate', at: EXAMPLE_AT, unit: '/min', value: 70, note: 'x' }, reason: 'READING_INVALID' },
  {
    name: 'onOxygen on heart rate',
    reading: { type: 'heart_rate', at: EXAMPLE_AT, unit: '/min', value: 70, onOxygen: true },
    reason: 'READING_INVALID',
  },
  {
    name: 'onOxygen as string',
    reading: { type: 'spo2', at: EXAMPLE_AT, unit: '%', value: 95, onOxygen: 'yes' },
    reason: 'READING_INVALID',
  },
  {
    name: 'blood pressure with value',
    reading: { type: 'blood_pressure', at: EXAMPLE_AT, unit: 'mm[Hg]', value: 120 },
    reason: 'READING_INVALID',
  },
  {
    name: 'time without offset',
    reading: { type: 'heart_rate', at: '2026-11-20T08:30:00', unit: '/min', value: 70 },
    reason: 'TIME_INVALID',
  },
  { name: 'time as epoch number', reading: { type: 'heart_rate', at: 1763609400000, unit: '/min', value: 70 }, reason: 'TIME_INVALID' },
  { name: 'date only', reading: { type: 'heart_rate', at: '2026-11-20', unit: '/min', value: 70 }, reason: 'TIME_INVALID' },
  { name: 'impossible date', reading: { type: 'heart_rate', at: '2026-02-30T08:30:00Z', unit: '/min', value: 70 }, reason: 'TIME_INVALID' },
  { name: 'time missing', reading: { type: 'heart_rate', unit: '/min', value: 70 }, reason: 'TIME_INVALID' },
  { name: 'unit missing', reading: { type: 'heart_rate', at: EXAMPLE_AT, value: 70 }, reason: 'READING_INVALID' },
  { name: 'unit not accepted', reading: { type: 'heart_rate', at: EXAMPLE_AT, unit: 'bpm', value: 70 }, reason: 'UNIT_UNSUPPORTED' },
  {
    name: 'glucose in mg/dl (wrong case)',
    reading: { type: 'blood_glucose', at: EXAMPLE_AT, unit: 'mg/dl', value: 100 },
    reason: 'UNIT_UNSUPPORTED',
  },
  {
    name: 'temperature 98.6 labelled Cel',
    reading: { type: 'body_temperature', at: EXAMPLE_AT, unit: 'Cel', value: 98.6 },
    reason: 'UNIT_SUSPECT',
  },
  {
    name: 'temperature 37 labelled [degF]',
    reading: { type: 'body_temperature', at: EXAMPLE_AT, unit: '[degF]', value: 37 },
    reason: 'UNIT_SUSPECT',
  },
  {
    name: 'glucose 110 labelled mmol/L',
    reading: { type: 'blood_glucose', at: EXAMPLE_AT, unit: 'mmol/L', value: 110 },
    reason: 'UNIT_SUSPECT',
  },
  { name: 'weight 72000 labelled kg', reading: { type: 'body_weight', at: EXAMPLE_AT, unit: 'kg', value: 72000 }, reason: 'UNIT_SUSPECT' },
  { name: 'heart rate 0', reading: { type: 'heart_rate', at: EXAMPLE_AT, unit: '/min', value: 0 }, reason: 'VALUE_OUT_OF_RANGE' },
  { name: 'heart rate 400', reading: { type: 'heart_rate', at: EXAMPLE_AT, unit: '/min', value: 400 }, reason: 'VALUE_OUT_OF_RANGE' },
  { name: 'spo2 101', reading: { type: 'spo2', at: EXAMPLE_AT, unit: '%', value: 101 }, reason: 'VALUE_OUT_OF_RANGE' },
  { name: 'spo2 negative', reading: { type: 'spo2', at: EXAMPLE_AT, unit: '%', value: -5 }, reason: 'VALUE_OUT_OF_RANGE' },
  {
    name: 'respiratory rate 150',
    reading: { type: 'respiratory_rate', at: EXAMPLE_AT, unit: '/min', value: 150 },
    reason: 'VALUE_OUT_OF_RANGE',
  },
  {
    name: 'temperature 10 Cel',
    reading: { type: 'body_temperature', at: EXAMPLE_AT, unit: 'Cel', value: 10 },
    reason: 'VALUE_OUT_OF_RANGE',
  },
  {
    name: 'systolic 400',
    reading: { type: 'blood_pressure', at: EXAMPLE_AT, unit: 'mm[Hg]', systolic: 400, diastolic: 80 },
    reason: 'VALUE_OUT_OF_RANGE',
  },
  {
    name: 'diastolic above systolic',
    reading: { type: 'blood_pressure', at: EXAMPLE_AT, unit: 'mm[Hg]', systolic: 80, diastolic: 120 },
    reason: 'VALUE_OUT_OF_RANGE',
  },
  {
    name: 'diastolic 5',
    reading: { type: 'blood_pressure', at: EXAMPLE_AT, unit: 'mm[Hg]', systolic: 120, diastolic: 5 },
    reason: 'VALUE_OUT_OF_RANGE',
  },
  {
    name: 'cuff pulse 500',
    reading: { type: 'blood_pressure', at: EXAMPLE_AT, unit: 'mm[Hg]', systolic: 120, diastolic: 80, pulse: 500 },
    reason: 'VALUE_OUT_OF_RANGE',
  },
  {
    name: 'glucose 0.1 mmol/L',
    reading: { type: 'blood_glucose', at: EXAMPLE_AT, unit: 'mmol/L', value: 0.1 },
    reason: 'VALUE_OUT_OF_RANGE',
  },
  { name: 'weight 0.5 kg', reading: { type: 'body_weight', at: EXAMPLE_AT, unit: 'kg', value: 0.5 }, reason: 'VALUE_OUT_OF_RANGE' },
];
