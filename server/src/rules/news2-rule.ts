import type { Batch, OpenTrigger, Reportable } from './batch.ts';
import { missingCount, packedAnyThree, packedMask, packedScore } from './news2.ts';
import type { News2RuleDef } from './rule-definition.ts';
import { anyActive, clearDetail, type RuleInstance, type RuleOwner, type Supersedable } from './rule-instance.ts';

/**
 * NEWS2 aggregate alert. Raises on the score of the parameters present (a partial score is a lower bound of the
 * full one, so it may raise); clears only when the score is below the trigger with at least the parameters that
 * were present when it raised — an alert never clears because data stopped arriving.
 */
export class News2Rule implements RuleInstance, Reportable, Supersedable {
  readonly def: News2RuleDef;
  readonly owner: RuleOwner;
  readonly threshold: number;
  readonly superseders: { readonly active: boolean }[] = [];
  readonly supersedes: Supersedable[] = [];
  active = false;
  count = 0;
  raisedMask = 0;
  reportedScore = -1;
  worstScore = -1;
  worstPacked = 0;
  worstAt = 0;
  worstReceivedAt = 0;
  eventLate = false;
  trigger: OpenTrigger | null = null;

  constructor(def: News2RuleDef, values: Readonly<Record<string, number>>, owner: RuleOwner) {
    this.def = def;
    this.threshold = values['score'] ?? Infinity;
    this.owner = owner;
  }

  evaluate(packed: number, at: number, receivedAt: number, b: Batch): void {
    const score = packedScore(packed);
    const mask = packedMask(packed);
    const abnormal = score >= this.threshold || (this.def.singleParameter3 && packedAnyThree(packed));
    if (abnormal) {
      if (this.count === 0) this.worstScore = -1;
      this.count++;
      if (receivedAt - at > b.lateAfterMs) this.eventLate = true;
      // at an equal score the later evaluation has at least as many parameters: report that one
      if (score >= this.worstScore) {
        this.worstScore = score;
        this.worstPacked = packed;
        this.worstAt = at;
        this.worstReceivedAt = receivedAt;
      }
      if (this.active) {
        if (this.trigger === null && score > this.reportedScore) this.openTrigger(b);
      } else if (!anyActive(this.superseders)) {
        this.active = true;
        this.raisedMask = mask;
        this.openTrigger(b);
        for (const s of this.supersedes) if (s.active) s.clearSuperseded(b, this.def.id);
      }
    } else if (this.active) {
      if ((mask & this.raisedMask) === this.raisedMask) this.clear(b, clearDetail(`NEWS2 ${score}, below the trigger`, at));
    } else {
      this.count = 0;
    }
  }

  finalize(b: Batch): void {
    const t = this.trigger;
    if (t === null) return;
    this.trigger = null;
    const packed = this.worstPacked;
    t.params = {
      score: packedScore(packed),
      singleParameter3: packedAnyThree(packed) ? 1 : 0,
      missingParameters: missingCount(packedMask(packed)),
    };
    t.measuredAt = this.worstAt;
    t.receivedAt = this.worstReceivedAt;
    t.readingsCount = this.count;
    t.backfilled = this.eventLate || b.isLate(this.worstAt, this.worstReceivedAt);
    t.dataAgeMs = b.now - this.worstAt;
    this.reportedScore = this.worstScore;
    this.eventLate = false;
  }

  clearSuperseded(b: Batch, by: string): void {
    this.clear(b, `superseded by ${by}`);
  }

  retire(b: Batch, detail: string): void {
    if (this.active) this.clear(b, detail);
  }

  restoreActive(active: boolean): void {
    if (active && !this.active) {
      this.active = true;
      this.reportedScore = this.worstScore;
      this.raisedMask = 0;
    } else if (!active && this.active) {
      this.active = false;
      this.count = 0;
      this.reportedScore = -1;
    }
  }

  adopt(old: News2Rule): void {
    this.active = old.active;
    this.count = old.count;
    this.raisedMask = old.raisedMask;
    this.reportedScore = old.reportedScore;
    this.worstScore = old.worstScore;
    this.worstPacked = old.worstPacked;
    this.worstAt = old.worstAt;
    this.worstReceivedAt = old.worstReceivedAt;
  }

  private openTrigger(b: Batch): void {
    this.trigger = b.openTrigger(this, this.owner.id, this.def.id, this.def.priority, 'news2');
  }

  private clear(b: Batch, detail: string): void {
    this.finalize(b);
    this.active = false;
    this.count = 0;
    this.reportedScore = -1;
    b.clear(this.owner.id, this.def.id, detail);
  }
}
