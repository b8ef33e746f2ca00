import type { Batch } from './batch.ts';
import { HOUR_MS } from './local-day.ts';
import type { MissingDataRuleDef } from './rule-definition.ts';
import type { RuleInstance, RuleOwner } from './rule-instance.ts';

/**
 * No reading of a type for longer than the programme's expected cadence allows. Time-driven (the engine's tick);
 * about the patient's data, not the device: a device that reports itself offline is `device_offline`.
 */
export class MissingDataRule implements RuleInstance {
  readonly def: MissingDataRuleDef;
  readonly owner: RuleOwner;
  readonly maxGapMs: number;
  active = false;

  constructor(def: MissingDataRuleDef, values: Readonly<Record<string, number>>, owner: RuleOwner) {
    this.def = def;
    this.owner = owner;
    this.maxGapMs = (values['maxGapHours'] ?? Infinity) * HOUR_MS;
  }

  /** @param since the latest reading of the type, or when monitoring of the patient started */
  check(since: number, b: Batch): void {
    if (this.active || !(b.now - since > this.maxGapMs)) return;
    this.active = true;
    const t = b.openTrigger(null, this.owner.id, this.def.id, this.def.priority, this.def.readingType);
    t.params = { hoursSinceLast: Math.round(((b.now - since) / HOUR_MS) * 10) / 10, maxGapHours: this.maxGapMs / HOUR_MS };
    t.measuredAt = since;
    t.receivedAt = b.now;
    t.dataAgeMs = b.now - since;
    t.readingsCount = 0;
  }

  nextDue(since: number): number {
    return this.active ? Infinity : since + this.maxGapMs;
  }

  /**
   * A reading of the type: clears when it is recent enough (a backlog of old readings does not end the gap).
   * @returns whether it cleared
   */
  onReading(at: number, b: Batch): boolean {
    if (!this.active || b.now - at > this.maxGapMs) return false;
    this.active = false;
    b.clear(this.owner.id, this.def.id, 'readings arrived');
    return true;
  }

  retire(b: Batch, detail: string): void {
    if (!this.active) return;
    this.active = false;
    b.clear(this.owner.id, this.def.id, detail);
  }

  restoreActive(active: boolean): void {
    this.active = active;
  }

  adopt(old: MissingDataRule): void {
    this.active = old.active;
  }
}
