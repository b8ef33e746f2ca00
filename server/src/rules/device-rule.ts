import type { Batch } from './batch.ts';
import type { DeviceRuleDef } from './rule-definition.ts';
import type { RuleInstance, RuleOwner } from './rule-instance.ts';

/** What the engine remembers of one device of a patient. */
export interface DeviceState {
  statusAt: number;
  batteryLow: boolean;
  clockWrong: boolean;
  offline: boolean;
}

/**
 * A device condition (battery low, clock wrong, offline). One alert per patient and rule: it is active while any of
 * the patient's devices is in the condition and clears when none is.
 */
export class DeviceRule implements RuleInstance {
  readonly def: DeviceRuleDef;
  readonly owner: RuleOwner;
  readonly values: Readonly<Record<string, number>>;
  active = false;
  /** devices in the condition */
  devices = 0;

  constructor(def: DeviceRuleDef, values: Readonly<Record<string, number>>, owner: RuleOwner) {
    this.def = def;
    this.owner = owner;
    this.values = values;
  }

  enter(deviceId: string, params: Record<string, number>, at: number, b: Batch): void {
    this.devices++;
    if (this.active) return;
    this.active = true;
    const t = b.openTrigger(null, this.owner.id, this.def.id, this.def.priority, 'device');
    t.params = params;
    t.measuredAt = at;
    t.receivedAt = at;
    t.dataAgeMs = Math.max(0, b.now - at);
    t.readingsCount = 1;
    t.deviceId = deviceId;
  }

  leave(deviceId: string, b: Batch): void {
    this.devices = Math.max(0, this.devices - 1);
    if (this.devices > 0 || !this.active) return;
    this.active = false;
    b.clear(this.owner.id, this.def.id, `device ${deviceId}: condition ended`);
  }

  retire(b: Batch, detail: string): void {
    if (!this.active) return;
    this.active = false;
    b.clear(this.owner.id, this.def.id, detail);
  }

  restoreActive(active: boolean): void {
    this.active = active;
  }

  adopt(old: DeviceRule): void {
    this.active = old.active;
    this.devices = old.devices;
  }
}
