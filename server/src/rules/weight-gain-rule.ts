import type { Batch, OpenTrigger, Reportable } from './batch.ts';
import type { MorningWeights } from './morning-weights.ts';
import type { WeightGainRuleDef } from './rule-definition.ts';
import { clearDetail, type RuleInstance, type RuleOwner } from './rule-instance.ts';

/**
 * Weight gain over a window of days, from morning weights. The latest morning weight (day d) is compared with the
 * earliest morning weight on days d−W … d−1; with none there (fewer than two distinct days) the rule cannot be
 * evaluated and keeps its state. Days without a morning weight are counted and reported as `missingDays`.
 */
export class WeightGainRule implements RuleInstance, Reportable {
  readonly def: WeightGainRuleDef;
  readonly owner: RuleOwner;
  readonly limitKg: number;
  readonly clearKg: number;
  active = false;
  count = 0;
  reportedGain = -Infinity;
  worstGain = -Infinity;
  worstParams: Record<string, number> = {};
  worstAt = 0;
  worstReceivedAt = 0;
  eventLate = false;
  trigger: OpenTrigger | null = null;

  constructor(def: WeightGainRuleDef, values: Readonly<Record<string, number>>, owner: RuleOwner) {
    this.def = def;
    this.owner = owner;
    this.limitKg = values['limitKg'] ?? Infinity;
    this.clearKg = Math.min(values['clearKg'] ?? 0, this.limitKg); // an override cannot make a gain both abnormal and clear
  }

  /** @param latestChanged the latest day's weight is the one that changed (only then may the alert clear) */
  evaluate(w: MorningWeights, latestChanged: boolean, b: Batch): void {
    const n = w.days.length;
    if (n < 2) return;
    const day = w.days[n - 1] ?? 0;
    const windowDays = this.def.windowDays;
    let base = 0;
    while (base < n - 1 && (w.days[base] ?? 0) < day - windowDays) base++;
    if (base >= n - 1) return;
    const latestKg = w.kg[n - 1] ?? NaN;
    const baselineKg = w.kg[base] ?? NaN;
    const gain = Math.round((latestKg - baselineKg) * 1000) / 1000; // scale resolution, not float noise
    const abnormal = this.def.op === '>' ? gain > this.limitKg : gain >= this.limitKg;
    if (abnormal) {
      const at = w.at[n - 1] ?? 0;
      const receivedAt = w.receivedAt[n - 1] ?? 0;
      if (!this.active && this.count === 0) this.worstGain = -Infinity;
      this.count++;
      if (receivedAt - at > b.lateAfterMs) this.eventLate = true;
      if (gain > this.worstGain) {
        this.worstGain = gain;
        this.worstAt = at;
        this.worstReceivedAt = receivedAt;
        this.worstParams = {
          gainKg: gain,
          limitKg: this.limitKg,
          windowDays,
          baselineKg,
          latestKg,
          missingDays: windowDays - (n - 1 - base),
        };
      }
      if (!this.active) {
        this.active = true;
        this.trigger = b.openTrigger(this, this.owner.id, this.def.id, this.def.priority, 'body_weight');
      } else if (this.trigger === null && gain > this.reportedGain) {
        this.trigger = b.openTrigger(this, this.owner.id, this.def.id, this.def.priority, 'body_weight');
      }
    } else if (this.active && latestChanged && gain <= this.clearKg) {
      this.finalize(b);
      this.active = false;
      this.count = 0;
      this.reportedGain = -Infinity;
      b.clear(this.owner.id, this.def.id, clearDetail(`gain ${gain} kg over ${windowDays} d`, w.at[n - 1] ?? 0));
    } else if (!this.active) {
      this.count = 0;
    }
  }

  finalize(b: Batch): void {
    const t = this.trigger;
    if (t === null) return;
    this.trigger = null;
    t.params = this.worstParams;
    t.measuredAt = this.worstAt;
    t.receivedAt = this.worstReceivedAt;
    t.readingsCount = this.count;
    t.backfilled = this.eventLate || b.isLate(this.worstAt, this.worstReceivedAt);
    t.dataAgeMs = b.now - this.worstAt;
    this.reportedGain = this.worstGain;
    this.eventLate = false;
  }

  retire(b: Batch, detail: string): void {
    if (!this.active) return;
    this.finalize(b);
    this.active = false;
    this.count = 0;
    b.clear(this.owner.id, this.def.id, detail);
  }

  restoreActive(active: boolean): void {
    if (active && !this.active) this.reportedGain = this.worstGain;
    if (!active) this.count = 0;
    this.active = active;
  }

  adopt(old: WeightGainRule): void {
    this.active = old.active;
    this.count = old.count;
    this.reportedGain = old.reportedGain;
    this.worstGain = old.worstGain;
    this.worstParams = old.worstParams;
    this.worstAt = old.worstAt;
    this.worstReceivedAt = old.worstReceivedAt;
  }
}
