import type { ParamDef, RuleDef } from './rule-definition.ts';
import { PROGRAMMES } from './programmes.ts';
import type { EffectiveThreshold, ProgrammeId, Spo2Target, ThresholdOverride } from './types.ts';

/** A rule as it applies to one patient: the chosen definition and every param's effective value. */
export interface ResolvedRule {
  readonly def: RuleDef;
  readonly values: Readonly<Record<string, number>>;
  readonly thresholds: readonly EffectiveThreshold[];
}

/** Patients without a profile, or with no programme, are monitored with NEWS2 alone. */
export const DEFAULT_PROGRAMMES: readonly ProgrammeId[] = ['news2_general'];

/** The SpO2 target a patient gets when none is prescribed: '88-92' only if one of the programmes says so (none does). */
export function defaultSpo2Target(programmes: readonly ProgrammeId[]): Spo2Target {
  return programmes.some((id) => PROGRAMMES[id].spo2Target === '88-92') ? '88-92' : '94-98';
}

function defaultOf(p: ParamDef, target: Spo2Target): number {
  return p.byTarget?.[target] ?? p.value;
}

function moreProtective(candidate: RuleDef, current: RuleDef, target: Spo2Target): boolean {
  const a = candidate.params[candidate.primary];
  const b = current.params[current.primary];
  if (a === undefined || b === undefined) return false;
  const va = defaultOf(a, target);
  const vb = defaultOf(b, target);
  return candidate.protective === 'lower' ? va < vb : va > vb;
}

/**
 * The union of the programmes' rules; a rule in several packs keeps its most protective definition
 * (e.g. kidney 37.8 °C over liver 38.0 °C), then the clinician's overrides apply.
 */
export function resolveRules(
  programmes: readonly ProgrammeId[],
  target: Spo2Target,
  overrides: readonly ThresholdOverride[],
): ResolvedRule[] {
  const chosen = new Map<string, RuleDef>();
  for (const id of programmes.length === 0 ? DEFAULT_PROGRAMMES : programmes) {
    for (const def of PROGRAMMES[id].rules) {
      const current = chosen.get(def.id);
      if (current === undefined || moreProtective(def, current, target)) chosen.set(def.id, def);
    }
  }
  const resolved: ResolvedRule[] = [];
  for (const def of chosen.values()) {
    const values: Record<string, number> = {};
    const thresholds: EffectiveThreshold[] = [];
    for (const [name, p] of Object.entries(def.params)) {
      const defaultValue = defaultOf(p, target);
      // the last override of a param wins (the caller stores them in the order they were made)
      const override = overrides.findLast((o) => o.ruleId === def.id && o.param === name);
      const value = override?.value ?? defaultValue;
      values[name] = value;
      thresholds.push({
        ruleId: def.id,
        param: name,
        value,
        defaultValue,
        unit: p.unit,
        overridden: override !== undefined,
        source: p.source,
      });
    }
    resolved.push({ def, values, thresholds });
  }
  return resolved;
}

/** Every param of every rule of every programme, with the widest plausible range any pack allows. */
function buildParamIndex(): Map<string, Map<string, { min: number; max: number; unit: string }>> {
  const index = new Map<string, Map<string, { min: number; max: number; unit: string }>>();
  for (const programme of Object.values(PROGRAMMES)) {
    for (const def of programme.rules) {
      const params = index.get(def.id) ?? new Map<string, { min: number; max: number; unit: string }>();
      index.set(def.id, params);
      for (const [name, p] of Object.entries(def.params)) {
        const known = params.get(name);
        params.set(name, known === undefined ? p : { min: Math.min(known.min, p.min), max: Math.max(known.max, p.max), unit: p.unit });
      }
    }
  }
  return index;
}

const PARAM_INDEX = buildParamIndex();

/** All rule ids any programme defines (the dashboard needs a translation for each). */
export const ALL_RULE_IDS: readonly string[] = [...PARAM_INDEX.keys()];

/** @returns a message a clinician can act on when the override names an unknown rule or param or an implausible value */
export function validateOverride(o: ThresholdOverride): string | undefined {
  const params = PARAM_INDEX.get(o.ruleId);
  if (params === undefined) return `unknown rule '${o.ruleId}'`;
  const p = params.get(o.param);
  if (p === undefined) return `rule '${o.ruleId}' has no parameter '${o.param}' (it has: ${[...params.keys()].join(', ') || 'none'})`;
  if (!Number.isFinite(o.value)) return `${o.ruleId}.${o.param} must be a number`;
  if (o.value < p.min || o.value > p.max)
    return `${o.ruleId}.${o.param} = ${o.value} ${p.unit} is outside the plausible range ${p.min}–${p.max} ${p.unit}`;
  if (p.unit === '{readings}' && !Number.isInteger(o.value)) return `${o.ruleId}.${o.param} must be a whole number of readings`;
  return undefined;
}
