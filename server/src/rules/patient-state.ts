import type { ResolvedRule } from './effective-rules.ts';
import { DeviceRule, type DeviceState } from './device-rule.ts';
import { LimitRule, LimitTemplate } from './limit-rule.ts';
import { MissingDataRule } from './missing-data-rule.ts';
import { MorningWeights } from './morning-weights.ts';
import type { News2Inputs } from './news2.ts';
import { News2Rule } from './news2-rule.ts';
import type { DeviceCondition } from './rule-definition.ts';
import type { RuleInstance, Supersedable } from './rule-instance.ts';
import type { Consciousness, EffectiveThreshold, PatientProfile } from './types.ts';
import { TYPE_COUNT, TYPE_INDEX } from './vital-index.ts';
import { WeightGainRule } from './weight-gain-rule.ts';

/** Compiled rules of one profile, shared by every patient with that profile (no overrides). */
export interface CompiledProfile {
  readonly resolved: readonly ResolvedRule[];
  readonly templates: ReadonlyMap<string, LimitTemplate>;
  readonly thresholds: readonly EffectiveThreshold[];
  readonly spo2Scale: 1 | 2;
}

export function compileProfile(resolved: readonly ResolvedRule[], spo2Scale: 1 | 2): CompiledProfile {
  const templates = new Map<string, LimitTemplate>();
  for (const r of resolved) if (r.def.kind === 'limit') templates.set(r.def.id, new LimitTemplate(r.def, r.values));
  return { resolved, templates, thresholds: resolved.flatMap((r) => r.thresholds), spo2Scale };
}

/** Everything the engine holds for one patient: latest values per type, rule instances, devices. */
export class PatientState implements News2Inputs {
  readonly id: string;
  /** creation order, to sort a mixed batch by patient cheaply */
  readonly seq: number;
  profile: PatientProfile;
  compiled: CompiledProfile;
  spo2Scale: 1 | 2;
  readonly lastAt = new Float64Array(TYPE_COUNT).fill(-Infinity);
  readonly lastValue = new Float64Array(TYPE_COUNT).fill(NaN);
  onOxygen = false;
  pulseAt = -Infinity;
  pulseValue = NaN;
  consciousness: Consciousness | undefined = undefined;
  consciousnessAt = -Infinity;
  /** the latest measurement time of any NEWS2 parameter: NEWS2 is evaluated as of then */
  news2At = -Infinity;
  /** when monitoring started (first reading received, or restore): the missing-data clock for types never seen */
  activeSince = NaN;
  /** the time of this patient's live entry in the tick queue */
  scheduledAt = Infinity;
  removed = false;
  batchEpoch = -1;
  batchLastAt = -Infinity;
  morning: MorningWeights | undefined = undefined;
  devices: Map<string, DeviceState> | undefined = undefined;
  offlineDevices = 0;

  // rule instances, indexed for the reading path
  limitsByType: (LimitRule[] | undefined)[] = [];
  weightRules: WeightGainRule[] = [];
  news2Rules: News2Rule[] = [];
  missingByType: (MissingDataRule | undefined)[] = [];
  missingRules: MissingDataRule[] = [];
  timedLimits: LimitRule[] = [];
  deviceRules: Partial<Record<DeviceCondition, DeviceRule>> = {};
  instances = new Map<string, RuleInstance>();

  constructor(id: string, seq: number, profile: PatientProfile, compiled: CompiledProfile) {
    this.id = id;
    this.seq = seq;
    this.profile = profile;
    this.compiled = compiled;
    this.spo2Scale = compiled.spo2Scale;
    this.instantiate();
  }

  /**
   * Switches to a new profile; rules that still apply keep their state.
   * @returns the instances of rules that no longer apply (the caller clears their alerts)
   */
  applyProfile(profile: PatientProfile, compiled: CompiledProfile): RuleInstance[] {
    const old = this.instances;
    this.profile = profile;
    this.compiled = compiled;
    this.spo2Scale = compiled.spo2Scale;
    this.instantiate();
    const retired: RuleInstance[] = [];
    for (const [id, before] of old) {
      const now = this.instances.get(id);
      if (now === undefined) retired.push(before);
      else adopt(now, before);
    }
    return retired;
  }

  private instantiate(): void {
    this.limitsByType = Array.from({ length: TYPE_COUNT }, () => undefined);
    this.missingByType = Array.from({ length: TYPE_COUNT }, () => undefined);
    this.weightRules = [];
    this.news2Rules = [];
    this.missingRules = [];
    this.timedLimits = [];
    this.deviceRules = {};
    this.instances = new Map();
    const limits: LimitRule[] = [];
    for (const { def, values } of this.compiled.resolved) {
      let instance: RuleInstance;
      switch (def.kind) {
        case 'limit': {
          const template = this.compiled.templates.get(def.id);
          if (template === undefined) continue;
          const rule = new LimitRule(template, this);
          limits.push(rule);
          if (template.confirmMs !== Infinity) this.timedLimits.push(rule);
          instance = rule;
          break;
        }
        case 'weight_gain': {
          const rule = new WeightGainRule(def, values, this);
          this.weightRules.push(rule);
          instance = rule;
          break;
        }
        case 'news2': {
          const rule = new News2Rule(def, values, this);
          this.news2Rules.push(rule);
          instance = rule;
          break;
        }
        case 'missing_data': {
          const rule = new MissingDataRule(def, values, this);
          this.missingByType[TYPE_INDEX[def.readingType]] = rule;
          this.missingRules.push(rule);
          instance = rule;
          break;
        }
        case 'device': {
          const rule = new DeviceRule(def, values, this);
          this.deviceRules[def.condition] = rule;
          instance = rule;
          break;
        }
      }
      this.instances.set(def.id, instance);
    }
    this.linkSupersession();
    // superseding rules are evaluated first, so a reading that is both level 2 and level 1 raises only level 2
    const rank = (r: LimitRule): number => (r.def.supersedes === undefined ? 1 : 0);
    for (const rule of limits.sort((a, b) => rank(a) - rank(b))) {
      const i = TYPE_INDEX[rule.def.readingType];
      (this.limitsByType[i] ??= []).push(rule);
    }
    this.news2Rules.sort((a, b) => (a.def.supersedes === undefined ? 1 : 0) - (b.def.supersedes === undefined ? 1 : 0));
  }

  private linkSupersession(): void {
    for (const instance of this.instances.values()) {
      if (!(instance instanceof LimitRule || instance instanceof News2Rule)) continue;
      for (const id of instance.def.supersedes ?? []) {
        const target = this.instances.get(id);
        if (target instanceof LimitRule || target instanceof News2Rule) {
          instance.supersedes.push(target satisfies Supersedable);
          target.superseders.push(instance);
        }
      }
    }
  }

  /** Keeps the longest weight window plus today. */
  morningWeights(): MorningWeights {
    let longest = 7;
    for (const r of this.weightRules) longest = Math.max(longest, r.def.windowDays);
    return (this.morning ??= new MorningWeights(longest + 1));
  }
}

function adopt(now: RuleInstance, before: RuleInstance): void {
  if (now instanceof LimitRule && before instanceof LimitRule) now.adopt(before);
  else if (now instanceof News2Rule && before instanceof News2Rule) now.adopt(before);
  else if (now instanceof WeightGainRule && before instanceof WeightGainRule) now.adopt(before);
  else if (now instanceof MissingDataRule && before instanceof MissingDataRule) now.adopt(before);
  else if (now instanceof DeviceRule && before instanceof DeviceRule) now.adopt(before);
}
