import type { AlertPriority, VitalType } from '@rpm/contracts';
import type { ProgrammeId, Spo2Target } from './types.ts';

/** One tunable number of a rule: its published default, unit, source and the range a clinician may set. */
export interface ParamDef {
  readonly value: number;
  /** the default depends on the patient's SpO2 target (spo2_below_target) */
  readonly byTarget?: Readonly<Record<Spo2Target, number>> | undefined;
  /** UCUM unit or annotation */
  readonly unit: string;
  /** citation: publisher, and REFERENCE.md section */
  readonly source: string;
  /** inclusive plausible range of an override */
  readonly min: number;
  readonly max: number;
}

export type Params = Readonly<Record<string, ParamDef>>;

export type Field = 'value' | 'systolic' | 'diastolic';
export type Op = '>' | '>=' | '<' | '<=';
/** `reading[field] op params[param]` */
export interface Check {
  readonly field: Field;
  readonly op: Op;
  readonly param: string;
}

interface RuleBase {
  /** stable id; also the dashboard's translation key `rules.<id>` */
  readonly id: string;
  /** IEC 60601-1-8: high = immediate response, medium = prompt response, low = awareness */
  readonly priority: AlertPriority;
  readonly params: Params;
  /** when two programmes define the same rule, the patient gets the definition whose `primary` param is more protective */
  readonly primary: string;
  readonly protective: 'lower' | 'higher';
}

/** Threshold with a separate clear condition; with `confirm`, sustained (N consecutive readings or held for a time). */
export interface LimitRuleDef extends RuleBase {
  readonly kind: 'limit';
  readonly readingType: VitalType;
  /** raise when ANY check holds */
  readonly raise: readonly Check[];
  /** clear when ALL checks hold */
  readonly clear: readonly Check[];
  /** sustained: names of the params holding the consecutive-reading count and (optionally) the hold time in minutes */
  readonly confirm?: { readonly readings: string; readonly minutes?: string | undefined } | undefined;
  /** a more severe rule on the same reading: raising this clears that one, and that one stays quiet while this is active */
  readonly supersedes?: readonly string[] | undefined;
}

/** Gain between morning weights over a window of days (params limitKg, clearKg). */
export interface WeightGainRuleDef extends RuleBase {
  readonly kind: 'weight_gain';
  readonly windowDays: number;
  readonly op: '>' | '>=';
}

/** No reading of a type for longer than the programme's expected cadence allows (param maxGapHours). */
export interface MissingDataRuleDef extends RuleBase {
  readonly kind: 'missing_data';
  readonly readingType: VitalType;
}

/** NEWS2 aggregate at or above `score`; with singleParameter3 also any single parameter scoring 3. */
export interface News2RuleDef extends RuleBase {
  readonly kind: 'news2';
  readonly singleParameter3: boolean;
  readonly supersedes?: readonly string[] | undefined;
}

export type DeviceCondition = 'battery' | 'clock' | 'offline';

export interface DeviceRuleDef extends RuleBase {
  readonly kind: 'device';
  readonly condition: DeviceCondition;
}

export type RuleDef = LimitRuleDef | WeightGainRuleDef | MissingDataRuleDef | News2RuleDef | DeviceRuleDef;

/** How often a programme expects a reading of a type. */
export interface Cadence {
  readonly everyHours: number;
  readonly source: string;
}

/** A versioned rule pack: its rules with their published defaults, and the expected cadence per vital type. */
export interface ProgrammePack {
  readonly id: ProgrammeId;
  /** bumped whenever a rule or a default changes, so an alert can be traced to the pack that raised it */
  readonly version: string;
  readonly title: string;
  readonly spo2Target: Spo2Target;
  readonly cadence: Readonly<Partial<Record<VitalType, Cadence>>>;
  readonly rules: readonly RuleDef[];
}
