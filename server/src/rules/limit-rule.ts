import type { AcceptedReading } from '@rpm/contracts';
import type { Batch, EndOfBatch, OpenTrigger, Reportable } from './batch.ts';
import type { Check, LimitRuleDef } from './rule-definition.ts';
import { anyActive, clearDetail, type RuleInstance, type RuleOwner, type Supersedable } from './rule-instance.ts';

const FIELD_INDEX = { value: 0, systolic: 1, diastolic: 2 } as const;

/** Compiled checks: `sign * (x − limit)` is the exceedance, > 0 (strict) or ≥ 0 when the check holds. */
class Checks {
  readonly field: number[] = [];
  readonly sign: number[] = [];
  readonly limit: number[] = [];
  readonly strict: boolean[] = [];
  readonly names: string[] = [];

  constructor(checks: readonly Check[], values: Readonly<Record<string, number>>) {
    for (const c of checks) {
      this.field.push(FIELD_INDEX[c.field]);
      this.sign.push(c.op === '>' || c.op === '>=' ? 1 : -1);
      this.limit.push(values[c.param] ?? NaN);
      this.strict.push(c.op === '>' || c.op === '<');
      this.names.push(c.param);
    }
  }
}

function pick(field: number, x0: number, x1: number, x2: number): number {
  return field === 0 ? x0 : field === 1 ? x1 : x2;
}

/** A limit rule's thresholds for one set of param values; shared by every patient with the same settings. */
export class LimitTemplate {
  readonly def: LimitRuleDef;
  readonly raise: Checks;
  readonly clear: Checks;
  readonly confirmReadings: number;
  readonly confirmMs: number;

  constructor(def: LimitRuleDef, values: Readonly<Record<string, number>>) {
    this.def = def;
    this.raise = new Checks(def.raise, values);
    this.clear = new Checks(def.clear, values);
    // An override may put the clear limit on the wrong side of the raise limit; clamp it so a reading can never be
    // both abnormal and clear (which would flap).
    for (let c = 0; c < this.clear.field.length; c++) {
      for (let r = 0; r < this.raise.field.length; r++) {
        if (this.raise.field[r] !== this.clear.field[c]) continue;
        const raiseLimit = this.raise.limit[r] ?? NaN;
        const clearLimit = this.clear.limit[c] ?? NaN;
        this.clear.limit[c] = this.raise.sign[r] === 1 ? Math.min(clearLimit, raiseLimit) : Math.max(clearLimit, raiseLimit);
      }
    }
    this.confirmReadings = def.confirm === undefined ? 1 : Math.max(1, values[def.confirm.readings] ?? 1);
    const minutes = def.confirm?.minutes === undefined ? undefined : values[def.confirm.minutes];
    this.confirmMs = minutes === undefined ? Infinity : minutes * 60_000;
  }

  /** The largest exceedance among the raise checks that hold, or NaN when the reading is not abnormal. */
  severity(x0: number, x1: number, x2: number): number {
    const { field, sign, limit, strict } = this.raise;
    let worst = NaN;
    for (let k = 0; k < field.length; k++) {
      const d = (sign[k] ?? 1) * (pick(field[k] ?? 0, x0, x1, x2) - (limit[k] ?? NaN));
      if ((d > 0 || (d === 0 && strict[k] === false)) && !(d <= worst)) worst = d;
    }
    return worst;
  }

  clears(x0: number, x1: number, x2: number): boolean {
    const { field, sign, limit, strict } = this.clear;
    for (let k = 0; k < field.length; k++) {
      const d = (sign[k] ?? 1) * (pick(field[k] ?? 0, x0, x1, x2) - (limit[k] ?? NaN));
      if (!(d > 0 || (d === 0 && strict[k] === false))) return false;
    }
    return true;
  }

  /** Alert params: the reading's values and the limits it was held against. */
  params(r: AcceptedReading): Record<string, number> {
    const out: Record<string, number> = {};
    const reading = r.reading;
    if (reading.type === 'blood_pressure') {
      out['systolic'] = reading.systolic;
      out['diastolic'] = reading.diastolic;
    } else {
      out['value'] = reading.value;
    }
    for (let k = 0; k < this.raise.names.length; k++) out[this.raise.names[k] ?? ''] = this.raise.limit[k] ?? NaN;
    return out;
  }
}

/**
 * Threshold with hysteresis, optionally sustained. Per patient: idle → pending (abnormal, not yet confirmed) →
 * active (raised) → idle when the clear condition holds. One raise per episode and call; a later call raises again
 * (an update) only when a reading is worse than the one last reported.
 */
export class LimitRule implements RuleInstance, Reportable, EndOfBatch, Supersedable {
  t: LimitTemplate;
  readonly owner: RuleOwner;
  readonly superseders: { readonly active: boolean }[] = [];
  readonly supersedes: Supersedable[] = [];
  active = false;
  /** abnormal readings in the current episode (consecutive while pending) */
  count = 0;
  firstAt = 0;
  worstSeverity = -Infinity;
  worst: AcceptedReading | null = null;
  reportedSeverity = -Infinity;
  eventLate = false;
  trigger: OpenTrigger | null = null;
  endEpoch = -1;
  lateEpoch = -1;
  lateCount = 0;
  lateSeverity = -Infinity;
  lateWorst: AcceptedReading | null = null;

  constructor(t: LimitTemplate, owner: RuleOwner) {
    this.t = t;
    this.owner = owner;
  }

  get def(): LimitRuleDef {
    return this.t.def;
  }

  /** A reading measured at or after the latest one of its type. */
  onReading(r: AcceptedReading, x0: number, x1: number, x2: number, b: Batch): void {
    const severity = this.t.severity(x0, x1, x2);
    if (severity === severity) {
      const at = r.reading.at;
      if (this.count === 0) {
        this.firstAt = at;
        this.worstSeverity = -Infinity;
        this.worst = null;
      }
      this.count++;
      if (r.receivedAt - at > b.lateAfterMs) this.eventLate = true;
      if (severity > this.worstSeverity) {
        this.worstSeverity = severity;
        this.worst = r;
      }
      if (this.active) {
        if (this.trigger === null && severity > this.reportedSeverity) this.openTrigger(b);
      } else if (!anyActive(this.superseders)) {
        if (this.count >= this.t.confirmReadings || at - this.firstAt >= this.t.confirmMs) this.raise(b);
        else if (this.t.confirmMs !== Infinity) this.atEnd(b);
      }
    } else if (this.active) {
      if (this.t.clears(x0, x1, x2)) this.clear(b, clearDetail('clear condition met', r.reading.at));
    } else {
      this.count = 0;
    }
  }

  /**
   * A reading measured before the latest one of its type: it cannot undo the newer state. It joins an open or
   * pending episode; otherwise late abnormal readings of this call form a past episode, reported at the end of the
   * call as one raise followed by a clear (the newer readings were already normal).
   */
  onLateReading(r: AcceptedReading, x0: number, x1: number, x2: number, b: Batch): void {
    const severity = this.t.severity(x0, x1, x2);
    if (severity !== severity) return;
    if (this.active || this.count > 0) {
      this.count++;
      if (r.receivedAt - r.reading.at > b.lateAfterMs) this.eventLate = true;
      if (!this.active && this.count >= this.t.confirmReadings && !anyActive(this.superseders)) this.raise(b);
      return;
    }
    if (this.lateEpoch !== b.epoch) {
      this.lateEpoch = b.epoch;
      this.lateCount = 0;
      this.lateSeverity = -Infinity;
      this.lateWorst = null;
      this.atEnd(b);
    }
    this.lateCount++;
    if (severity > this.lateSeverity) {
      this.lateSeverity = severity;
      this.lateWorst = r;
    }
  }

  endOfBatch(b: Batch): void {
    this.endEpoch = -1;
    if (this.lateEpoch === b.epoch) {
      this.lateEpoch = -1;
      const w = this.lateWorst;
      if (this.active || this.count > 0) this.count += this.lateCount;
      else if (w !== null && this.lateCount >= this.t.confirmReadings && !anyActive(this.superseders)) {
        const t = b.openTrigger(null, this.owner.id, this.def.id, this.def.priority, this.def.readingType);
        this.fill(t, w, this.lateCount, true, b);
        b.clear(this.owner.id, this.def.id, 'late readings of an episode that had ended: a newer reading was not abnormal');
      }
    }
    this.confirmByTime(b);
  }

  /** Sustained for the hold time with no reading saying otherwise (evaluated at the end of a call and on tick). */
  confirmByTime(b: Batch): void {
    if (this.active || this.count === 0 || this.t.confirmMs === Infinity || anyActive(this.superseders)) return;
    const due = this.firstAt + this.t.confirmMs;
    if (b.now >= due) this.raise(b);
    else b.schedule(this.owner, due);
  }

  /** When the tick should look at this rule again, or Infinity. */
  nextDue(): number {
    if (this.active || this.count === 0 || this.t.confirmMs === Infinity || anyActive(this.superseders)) return Infinity;
    return this.firstAt + this.t.confirmMs;
  }

  finalize(b: Batch): void {
    const t = this.trigger;
    const w = this.worst;
    if (t === null || w === null) return;
    this.trigger = null;
    this.fill(t, w, this.count, this.eventLate, b);
    this.reportedSeverity = this.worstSeverity;
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
      this.reportedSeverity = this.worstSeverity;
    } else if (!active && this.active) {
      this.active = false;
      this.reset();
    }
  }

  /** Takes over the state of the instance this one replaces (profile changed, rule still applies). */
  adopt(old: LimitRule): void {
    this.active = old.active;
    this.count = old.count;
    this.firstAt = old.firstAt;
    this.worstSeverity = old.worstSeverity;
    this.worst = old.worst;
    this.reportedSeverity = old.reportedSeverity;
  }

  private atEnd(b: Batch): void {
    if (this.endEpoch === b.epoch) return;
    this.endEpoch = b.epoch;
    b.endOfBatch.push(this);
  }

  private raise(b: Batch): void {
    this.active = true;
    this.openTrigger(b);
    for (const s of this.supersedes) if (s.active) s.clearSuperseded(b, this.def.id);
  }

  private openTrigger(b: Batch): void {
    this.trigger = b.openTrigger(this, this.owner.id, this.def.id, this.def.priority, this.def.readingType);
  }

  private fill(t: OpenTrigger, w: AcceptedReading, count: number, late: boolean, b: Batch): void {
    t.params = this.t.params(w);
    t.measuredAt = w.reading.at;
    t.receivedAt = w.receivedAt;
    t.readingsCount = count;
    t.backfilled = late || b.isLate(w.reading.at, w.receivedAt);
    t.dataAgeMs = b.now - w.reading.at;
  }

  private clear(b: Batch, detail: string): void {
    this.finalize(b);
    this.active = false;
    this.reset();
    b.clear(this.owner.id, this.def.id, detail);
  }

  private reset(): void {
    this.count = 0;
    this.worst = null;
    this.worstSeverity = -Infinity;
    this.reportedSeverity = -Infinity;
    this.eventLate = false;
  }
}
