import type { AcceptedReading } from '@rpm/contracts';
import { ClinicalRulesEngine } from './clinical-rules-engine.ts';
import type { EngineOptions, ProgrammeId, RuleEvent, RuleTrigger, Spo2Target, ThresholdOverride } from './types.ts';

/** Test clock and reading builders for the rules tests (a fake clock: every call is given `now`). */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Monday 2025-01-06 07:00 in Almaty (UTC+5) */
export const T0 = Date.UTC(2025, 0, 6, 2, 0, 0);

export type Value = number | { readonly systolic: number; readonly diastolic: number; readonly pulse?: number };
export type ReadingKind = AcceptedReading['reading']['type'];

export interface ReadingOptions {
  /** default: 2 s after measurement */
  readonly receivedAt?: number;
  readonly onOxygen?: boolean;
  readonly deviceId?: string;
  readonly patientId?: string;
}

let seq = 0;

export function reading(type: ReadingKind, at: number, value: Value, options: ReadingOptions = {}): AcceptedReading {
  const base = {
    deviceId: options.deviceId ?? 'dev-1',
    patientId: options.patientId ?? 'p1',
    seq: seq++,
    receivedAt: options.receivedAt ?? at + 2000,
  };
  if (type === 'blood_pressure') {
    if (typeof value === 'number') throw new Error('blood pressure needs systolic and diastolic');
    return {
      ...base,
      reading: {
        type,
        at,
        systolic: value.systolic,
        diastolic: value.diastolic,
        ...(value.pulse === undefined ? {} : { pulse: value.pulse }),
      },
    };
  }
  if (typeof value !== 'number') throw new Error(`${type} needs a number`);
  return { ...base, reading: { type, at, value, ...(options.onOxygen === undefined ? {} : { onOxygen: options.onOxygen }) } };
}

export function bp(systolic: number, diastolic: number): Value {
  return { systolic, diastolic };
}

export interface Setup {
  readonly programmes?: readonly ProgrammeId[];
  readonly spo2Target?: Spo2Target;
  readonly overrides?: readonly ThresholdOverride[];
  readonly options?: EngineOptions;
  readonly patientId?: string;
}

export function engineFor(setup: Setup = {}): ClinicalRulesEngine {
  const engine = new ClinicalRulesEngine(setup.options);
  engine.setProfile({
    patientId: setup.patientId ?? 'p1',
    programmes: setup.programmes ?? ['news2_general'],
    spo2Target: setup.spo2Target,
    overrides: setup.overrides ?? [],
  });
  return engine;
}

/** Feeds readings one call each, with `now` just after the measurement; returns all events. */
export function feed(engine: ClinicalRulesEngine, readings: readonly AcceptedReading[]): RuleEvent[] {
  return readings.flatMap((r) => engine.ingest([r], r.receivedAt));
}

export function raised(events: readonly RuleEvent[]): RuleTrigger[] {
  return events.flatMap((e) => (e.kind === 'raise' ? [e.trigger] : []));
}

export function cleared(events: readonly RuleEvent[]): string[] {
  return events.flatMap((e) => (e.kind === 'clear' ? [e.ruleId] : []));
}

/** 'raise:fever', 'clear:fever' … in order */
export function summary(events: readonly RuleEvent[]): string[] {
  return events.map((e) => (e.kind === 'raise' ? `raise:${e.trigger.ruleId}` : `clear:${e.ruleId}`));
}
