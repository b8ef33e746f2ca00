import type { CanonicalReading } from '../readings/canonical-reading.ts';
import {
  BLOOD_PRESSURE_COMPONENTS,
  VITALS,
  conversionFor,
  isVitalType,
  roundTo,
  type Range,
  type VitalDefinition,
} from '../vitals/catalogue.ts';
import { bloodPressureReadingSchema, scalarReadingSchema, spo2ReadingSchema } from './readings-message.ts';
import type { Rejection, RejectionReason } from './rejection-reasons.ts';

export type NormaliseResult = { readonly ok: true; readonly reading: CanonicalReading } | ({ readonly ok: false } & Rejection);

const reject = (reason: RejectionReason, detail: string): NormaliseResult => ({ ok: false, reason, detail });

const inRange = (v: number, r: Range): boolean => v >= r.min && v <= r.max;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Printable, bounded rendering of an untrusted value for a rejection detail. */
function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Validates one reading as a device sent it and converts it to its canonical unit.
 * Order of checks: type known → numbers finite → schema → time → unit accepted → plausible range (with a
 * suspected-unit diagnosis when the value fits another accepted unit).
 */
export function normaliseReading(raw: unknown): NormaliseResult {
  if (!isRecord(raw)) return reject('READING_INVALID', 'a reading must be a JSON object');
  const type = raw['type'];
  if (typeof type !== 'string' || !isVitalType(type)) return reject('TYPE_UNKNOWN', `type ${show(type)}`);

  for (const field of ['value', 'systolic', 'diastolic', 'pulse'] as const) {
    const v = raw[field];
    // JSON.parse turns 1e999 into Infinity; NaN cannot be written in JSON but can arrive from other decoders.
    if (typeof v === 'number' && !Number.isFinite(v)) return reject('VALUE_NOT_FINITE', `${field} ${show(v)}`);
  }

  const schema = type === 'blood_pressure' ? bloodPressureReadingSchema : type === 'spo2' ? spo2ReadingSchema : scalarReadingSchema;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    if (path === 'at') return reject('TIME_INVALID', `at ${show(raw['at'])}`);
    return reject('READING_INVALID', `${path || 'reading'}: ${issue?.message ?? 'invalid'}`);
  }

  const at = Date.parse(parsed.data.at);
  if (!Number.isFinite(at)) return reject('TIME_INVALID', `at ${show(parsed.data.at)}`);

  const def = VITALS[type];
  const unit = parsed.data.unit;
  const convert = conversionFor(type, unit);
  if (convert === undefined) {
    return reject(
      'UNIT_UNSUPPORTED',
      `unit ${show(unit)} for ${type}; expected ${[def.unit, ...def.alternatives.map((a) => a.unit)].join(', ')}`,
    );
  }

  const data = parsed.data;
  if ('systolic' in data) {
    const systolic = roundTo(convert(data.systolic), def.decimals);
    const diastolic = roundTo(convert(data.diastolic), def.decimals);
    if (!inRange(systolic, BLOOD_PRESSURE_COMPONENTS.systolic.range))
      return reject('VALUE_OUT_OF_RANGE', `systolic ${systolic} ${def.unit}`);
    if (!inRange(diastolic, BLOOD_PRESSURE_COMPONENTS.diastolic.range))
      return reject('VALUE_OUT_OF_RANGE', `diastolic ${diastolic} ${def.unit}`);
    if (diastolic >= systolic) return reject('VALUE_OUT_OF_RANGE', `diastolic ${diastolic} is not below systolic ${systolic}`);
    if (data.pulse !== undefined && !inRange(data.pulse, VITALS.heart_rate.range))
      return reject('VALUE_OUT_OF_RANGE', `pulse ${data.pulse} /min`);
    return {
      ok: true,
      reading: { type: 'blood_pressure', at, systolic, diastolic, ...(data.pulse === undefined ? {} : { pulse: data.pulse }) },
    };
  }

  const value = roundTo(convert(data.value), def.decimals);
  if (!inRange(value, def.range)) {
    const better = suspectedUnit(def, unit, data.value);
    if (better !== undefined) return reject('UNIT_SUSPECT', `${data.value} ${unit} is implausible for ${type}; it looks like ${better}`);
    return reject('VALUE_OUT_OF_RANGE', `${type} ${value} ${def.unit} outside ${def.range.min}-${def.range.max}`);
  }
  if (data.type === 'spo2' && data.onOxygen !== undefined)
    return { ok: true, reading: { type: data.type, at, value, onOxygen: data.onOxygen } };
  return { ok: true, reading: { type: data.type, at, value } };
}

/** Another accepted unit in which `raw` would be plausible (98.6 labelled Cel is plausible as [degF]). */
function suspectedUnit(def: VitalDefinition, statedUnit: string, raw: number): string | undefined {
  const candidates = [{ unit: def.unit, toCanonical: (v: number) => v }, ...def.alternatives];
  return candidates.find((c) => c.unit !== statedUnit && inRange(c.toCanonical(raw), def.range))?.unit;
}
