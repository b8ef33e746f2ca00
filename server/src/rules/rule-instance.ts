import type { Batch } from './batch.ts';
import type { RuleDef } from './rule-definition.ts';

/** The patient a rule instance belongs to; also the key the engine's tick is scheduled under. */
export interface RuleOwner {
  readonly id: string;
}

/** What every per-patient rule instance offers the engine. */
export interface RuleInstance {
  readonly def: RuleDef;
  readonly active: boolean;
  /** after a restart: make the instance agree with the alerts open in the database, without events */
  restoreActive(active: boolean): void;
  /** the rule stops applying (programme changed): clear its open alert */
  retire(batch: Batch, detail: string): void;
}

/** A rule that a more severe one can silence (glucose level 1 under level 2, NEWS2 medium under high …). */
export interface Supersedable {
  readonly active: boolean;
  clearSuperseded(batch: Batch, by: string): void;
}

export function anyActive(rules: readonly { readonly active: boolean }[]): boolean {
  for (let i = 0; i < rules.length; i++) if (rules[i]?.active === true) return true;
  return false;
}

/** Clear text for alert history; only on the rare clear path, so Date is fine here. */
export function clearDetail(what: string, at: number): string {
  return `${what} (measured ${new Date(at).toISOString()})`;
}
