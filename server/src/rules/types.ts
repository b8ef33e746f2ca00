import type { AcceptedReading, AlertPriority, VitalType } from '@rpm/contracts';

// Programme ids, SpO2 targets and ACVPU are wire formats: one definition, in contracts.
export { PROGRAMME_IDS, type ProgrammeId, type Spo2Target, type Consciousness } from '@rpm/contracts';
import type { Consciousness, ProgrammeId, Spo2Target } from '@rpm/contracts';

/** A clinician's per-patient value for one rule parameter; who, when and why are stored by the caller. */
export interface ThresholdOverride {
  readonly ruleId: string;
  readonly param: string;
  readonly value: number;
}

export interface PatientProfile {
  readonly patientId: string;
  readonly programmes: readonly ProgrammeId[];
  /** explicit prescription; when absent the programmes' default applies (defaultSpo2Target) */
  readonly spo2Target?: Spo2Target | undefined;
  readonly overrides: readonly ThresholdOverride[];
}

/** One parameter of one rule as it applies to a patient, for showing beside the patient. */
export interface EffectiveThreshold {
  readonly ruleId: string;
  readonly param: string;
  readonly value: number;
  readonly defaultValue: number;
  /** UCUM unit, or a UCUM annotation such as '{readings}' */
  readonly unit: string;
  readonly overridden: boolean;
  /** citation of the default (clinical REFERENCE.md section and publisher) */
  readonly source: string;
}

export type RuleReadingType = VitalType | 'news2' | 'device';

/** A superset of AlertTrigger (server/src/alerts/alert-store.ts). */
export interface RuleTrigger {
  readonly patientId: string;
  readonly ruleId: string;
  readonly priority: AlertPriority;
  readonly readingType: RuleReadingType;
  readonly params: Readonly<Record<string, number>>;
  /** measurement time of the reported (worst) reading, epoch ms */
  readonly measuredAt: number;
  readonly receivedAt: number;
  /** the reported data arrived late: receivedAt − measuredAt > lateAfterMs */
  readonly backfilled: boolean;
  /** now − measuredAt when the engine evaluated it */
  readonly dataAgeMs: number;
  /** abnormal readings of the episode this trigger summarises (a backlog gives one trigger) */
  readonly readingsCount: number;
  /** device rules only: the device concerned */
  readonly deviceId?: string | undefined;
}

export type RuleEvent =
  | { readonly kind: 'raise'; readonly trigger: RuleTrigger }
  | { readonly kind: 'clear'; readonly patientId: string; readonly ruleId: string; readonly detail: string };

export type News2ParameterName = 'respiratory_rate' | 'spo2' | 'air_or_oxygen' | 'systolic_bp' | 'pulse' | 'consciousness' | 'temperature';
export type News2Risk = 'low' | 'low-medium' | 'medium' | 'high';

export interface News2Parameter {
  readonly name: News2ParameterName;
  /** null when missing; 'air' | 'oxygen' for air_or_oxygen; an ACVPU letter for consciousness */
  readonly value: number | string | null;
  readonly score: number | null;
  readonly at: number | null;
}

export interface News2Result {
  /** sum of the parameters present (a lower bound of the full score when partial) */
  readonly score: number;
  readonly risk: News2Risk;
  readonly partial: boolean;
  readonly missing: News2ParameterName[];
  readonly scale: 1 | 2;
  readonly parameters: News2Parameter[];
  readonly computedAt: number;
}

export interface EngineOptions {
  /** a reading is "late" (backfilled) when receivedAt − measuredAt exceeds this; default 15 min */
  readonly lateAfterMs?: number;
  /** NEWS2 uses each parameter's latest reading within this window ("close in time"); default 1 h */
  readonly news2WindowMs?: number;
  /** local clock for "morning" weights: Asia/Almaty is UTC+5 all year since 2024-03-01; default 5 h */
  readonly utcOffsetMs?: number;
}

/** What the caller's database knows about a patient after a restart (ClinicalRulesEngine.restore). */
export interface RestoredState {
  readonly history: readonly AcceptedReading[];
  /** rules with an open alert in the database */
  readonly activeRuleIds: readonly string[];
  readonly consciousness?: { readonly value: Consciousness; readonly at: number } | undefined;
}
