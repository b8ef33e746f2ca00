import type { AcceptedReading } from '@rpm/contracts';
import { Batch, type Schedule } from './batch.ts';
import type { DeviceState } from './device-rule.ts';
import { DueQueue } from './due-queue.ts';
import { DEFAULT_PROGRAMMES, defaultSpo2Target, resolveRules } from './effective-rules.ts';
import { ALMATY_UTC_OFFSET_MS, morningDay } from './local-day.ts';
import { news2Packed, news2Result, packedMask, type News2Inputs } from './news2.ts';
import { compileProfile, PatientState, type CompiledProfile } from './patient-state.ts';
import type { Consciousness, EffectiveThreshold, EngineOptions, News2Result, PatientProfile, RestoredState, RuleEvent } from './types.ts';
import { BLOOD_PRESSURE, BODY_WEIGHT, HEART_RATE, NEWS2_TYPE, SPO2, TYPE_INDEX } from './vital-index.ts';

export { defaultSpo2Target, validateOverride } from './effective-rules.ts';
export { PROGRAMMES } from './programmes.ts';
export * from './types.ts';

const MINUTE_MS = 60_000;
/** Defaults of EngineOptions, with units in the names. */
export const ENGINE_DEFAULTS = {
  lateAfterMs: 15 * MINUTE_MS, // issue #4: data older than 15 min on arrival is "backfilled"
  news2WindowMs: 60 * MINUTE_MS, // project choice: NEWS2 parameters "close in time" = within 1 h of the latest
  utcOffsetMs: ALMATY_UTC_OFFSET_MS,
} as const;

const NO_DATA: News2Inputs = {
  lastAt: new Float64Array(7).fill(-Infinity),
  lastValue: new Float64Array(7).fill(NaN),
  onOxygen: false,
  pulseAt: -Infinity,
  pulseValue: NaN,
  consciousness: undefined,
  consciousnessAt: -Infinity,
  spo2Scale: 1,
};

/**
 * The clinical rules engine: pure (no I/O, no clock — every call is given `now`), per-patient state in memory.
 * It returns RuleEvents; the caller persists alerts (one active per patient and rule) and notifies.
 * How it works and how to extend it: README.md beside this file.
 */
export class ClinicalRulesEngine {
  private readonly patients = new Map<string, PatientState>();
  private readonly queue = new DueQueue<PatientState>();
  private readonly compiledCache = new Map<string, CompiledProfile>();
  private readonly lateAfterMs: number;
  private readonly news2WindowMs: number;
  private readonly utcOffsetMs: number;
  private readonly scheduleFn: Schedule;
  private epoch = 0;
  private seq = 0;

  constructor(options: EngineOptions = {}) {
    this.lateAfterMs = options.lateAfterMs ?? ENGINE_DEFAULTS.lateAfterMs;
    this.news2WindowMs = options.news2WindowMs ?? ENGINE_DEFAULTS.news2WindowMs;
    this.utcOffsetMs = options.utcOffsetMs ?? ENGINE_DEFAULTS.utcOffsetMs;
    this.scheduleFn = (owner, at) => {
      this.schedule(owner as PatientState, at);
    };
  }

  get patientCount(): number {
    return this.patients.size;
  }

  /** Enrols a patient or changes programmes, SpO2 target or overrides; clears alerts of rules that no longer apply. */
  setProfile(profile: PatientProfile): RuleEvent[] {
    const compiled = this.compile(profile);
    const p = this.patients.get(profile.patientId);
    if (p === undefined) {
      this.patients.set(profile.patientId, new PatientState(profile.patientId, this.seq++, profile, compiled));
      return [];
    }
    const b = this.batch(Number.isNaN(p.activeSince) ? 0 : p.activeSince);
    for (const retired of p.applyProfile(profile, compiled)) retired.retire(b, "rule no longer applies to the patient's programmes");
    if (!Number.isNaN(p.activeSince)) this.scheduleNext(p, -Infinity);
    return b.finish();
  }

  removePatient(patientId: string): void {
    const p = this.patients.get(patientId);
    if (p === undefined) return;
    p.removed = true;
    this.patients.delete(patientId);
  }

  /** Evaluates readings (any patients, any order) on measurement time; each patient's are taken in time order. */
  ingest(readings: readonly AcceptedReading[], now: number): RuleEvent[] {
    const b = this.batch(now);
    const n = readings.length;
    const states = new Array<PatientState>(n);
    let inOrder = true;
    for (let i = 0; i < n; i++) {
      const r = readings[i] as AcceptedReading;
      const p = this.patients.get(r.patientId) ?? this.create(r.patientId);
      states[i] = p;
      const at = r.reading.at;
      if (p.batchEpoch !== b.epoch) p.batchEpoch = b.epoch;
      else if (at < p.batchLastAt) inOrder = false;
      p.batchLastAt = at;
    }
    if (inOrder) {
      for (let i = 0; i < n; i++) this.apply(states[i] as PatientState, readings[i] as AcceptedReading, b);
    } else {
      const order = Array.from({ length: n }, (_, i) => i);
      const at = (i: number): number => (readings[i] as AcceptedReading).reading.at;
      const seq = (i: number): number => (states[i] as PatientState).seq;
      order.sort((x, y) => seq(x) - seq(y) || at(x) - at(y) || x - y);
      for (const i of order) this.apply(states[i] as PatientState, readings[i] as AcceptedReading, b);
    }
    return b.finish();
  }

  /** A recorded ACVPU observation: the only source of NEWS2 consciousness. */
  recordConsciousness(patientId: string, value: Consciousness, at: number, now: number): RuleEvent[] {
    const p = this.patients.get(patientId) ?? this.create(patientId);
    const b = this.batch(now);
    if (at >= p.consciousnessAt) {
      p.consciousness = value;
      p.consciousnessAt = at;
      if (at > p.news2At) p.news2At = at;
      this.evaluateNews2(p, at, now, b);
    }
    return b.finish();
  }

  /** A device's status report; a report older than the last one from that device is ignored. */
  deviceStatus(
    patientId: string,
    deviceId: string,
    status: { battery?: number; clockOffsetMs?: number; online?: boolean },
    at: number,
  ): RuleEvent[] {
    const p = this.patients.get(patientId) ?? this.create(patientId);
    const b = this.batch(at);
    const devices = (p.devices ??= new Map<string, DeviceState>());
    let d = devices.get(deviceId);
    if (d === undefined) {
      d = { statusAt: -Infinity, batteryLow: false, clockWrong: false, offline: false };
      devices.set(deviceId, d);
    }
    if (at < d.statusAt) return [];
    d.statusAt = at;
    const { battery: batteryRule, clock: clockRule, offline: offlineRule } = p.deviceRules;
    if (status.battery !== undefined && batteryRule !== undefined) {
      const { limit = 20, clear = 30 } = batteryRule.values;
      const low = d.batteryLow ? status.battery < clear : status.battery < limit;
      if (low && !d.batteryLow) batteryRule.enter(deviceId, { battery: status.battery, limit }, at, b);
      else if (!low && (d.batteryLow || (batteryRule.active && batteryRule.devices === 0))) batteryRule.leave(deviceId, b);
      d.batteryLow = low;
    }
    if (status.clockOffsetMs !== undefined && clockRule !== undefined) {
      const { limitMinutes = 5, clearMinutes = 2 } = clockRule.values;
      const minutes = Math.abs(status.clockOffsetMs) / MINUTE_MS;
      const wrong = d.clockWrong ? minutes > clearMinutes : minutes > limitMinutes;
      const offsetMinutes = Math.round((status.clockOffsetMs / MINUTE_MS) * 10) / 10;
      if (wrong && !d.clockWrong) clockRule.enter(deviceId, { offsetMinutes, limitMinutes }, at, b);
      else if (!wrong && (d.clockWrong || (clockRule.active && clockRule.devices === 0))) clockRule.leave(deviceId, b);
      d.clockWrong = wrong;
    }
    if (status.online !== undefined && offlineRule !== undefined) {
      if (!status.online && !d.offline) {
        d.offline = true;
        p.offlineDevices++;
        offlineRule.enter(deviceId, { offlineDevices: p.offlineDevices }, at, b);
      } else if (status.online && (d.offline || (offlineRule.active && offlineRule.devices === 0))) {
        if (d.offline) p.offlineDevices--;
        d.offline = false;
        offlineRule.leave(deviceId, b);
      }
    }
    return b.finish();
  }

  /** Time-driven rules (missing data, confirmation by hold time); looks only at patients with something due. */
  tick(now: number): RuleEvent[] {
    const b = this.batch(now);
    while (this.queue.size > 0 && this.queue.peekTime() <= now) {
      const at = this.queue.peekTime();
      const p = this.queue.pop();
      if (p.removed || at !== p.scheduledAt) continue; // superseded entry
      p.scheduledAt = Infinity;
      for (const m of p.missingRules) {
        const since = this.since(p, TYPE_INDEX[m.def.readingType]);
        if (!Number.isNaN(since)) m.check(since, b);
      }
      for (const l of p.timedLimits) l.confirmByTime(b);
      this.scheduleNext(p, now);
    }
    return b.finish();
  }

  /**
   * A person resolved the rule's alert: the episode is over for the engine too, so the next abnormal reading starts
   * a new one (and a new alert) instead of being taken as more of the resolved episode.
   */
  resolvedByPerson(patientId: string, ruleId: string): void {
    this.patients.get(patientId)?.instances.get(ruleId)?.restoreActive(false);
  }

  news2(patientId: string, now: number): News2Result {
    return news2Result(this.patients.get(patientId) ?? NO_DATA, now, this.news2WindowMs);
  }

  thresholds(patientId: string): EffectiveThreshold[] {
    const compiled = this.patients.get(patientId)?.compiled ?? this.compile({ patientId, programmes: DEFAULT_PROGRAMMES, overrides: [] });
    return [...compiled.thresholds];
  }

  /**
   * Rebuilds a patient's state after a restart without emitting events: replays recent history, then makes every
   * rule agree with the alerts open in the database (activeRuleIds), so clears can fire later and raises are not
   * repeated. Call after setProfile.
   */
  restore(patientId: string, state: RestoredState, now: number): void {
    const p = this.patients.get(patientId) ?? this.create(patientId);
    const b = this.batch(now);
    const history = state.history.filter((r) => r.patientId === patientId).sort((x, y) => x.reading.at - y.reading.at);
    for (const r of history) this.apply(p, r, b);
    if (state.consciousness !== undefined && state.consciousness.at >= p.consciousnessAt) {
      p.consciousness = state.consciousness.value;
      p.consciousnessAt = state.consciousness.at;
      if (p.consciousnessAt > p.news2At) p.news2At = p.consciousnessAt;
    }
    if (Number.isNaN(p.activeSince)) p.activeSince = now;
    b.finish(); // events discarded: the database already has these alerts
    const active = new Set(state.activeRuleIds);
    for (const [id, instance] of p.instances) instance.restoreActive(active.has(id));
    // a NEWS2 alert restored from the database clears only with at least the parameters the patient has now
    const mask = packedMask(news2Packed(p, p.news2At - this.news2WindowMs));
    for (const rule of p.news2Rules) if (rule.active && rule.raisedMask === 0) rule.raisedMask = mask;
    this.scheduleNext(p, now);
  }

  private apply(p: PatientState, r: AcceptedReading, b: Batch): void {
    if (Number.isNaN(p.activeSince)) {
      p.activeSince = b.now;
      this.scheduleNext(p, b.now);
    }
    const reading = r.reading;
    const at = reading.at;
    let ti: number;
    let x0 = NaN;
    let x1 = NaN;
    let x2 = NaN;
    if (reading.type === 'blood_pressure') {
      ti = BLOOD_PRESSURE;
      x1 = reading.systolic;
      x2 = reading.diastolic;
    } else {
      ti = TYPE_INDEX[reading.type];
      x0 = reading.value;
    }
    const rules = p.limitsByType[ti];
    if (at >= (p.lastAt[ti] ?? -Infinity)) {
      const firstOfType = (p.lastAt[ti] ?? -Infinity) === -Infinity;
      p.lastAt[ti] = at;
      p.lastValue[ti] = ti === BLOOD_PRESSURE ? x1 : x0;
      const missing = p.missingByType[ti];
      if (missing?.active === true && missing.onReading(at, b)) this.schedule(p, at + missing.maxGapMs + 1);
      // the gap was counted from the start of monitoring; a first reading older than that brings the check forward
      else if (firstOfType && missing !== undefined && at < p.activeSince) this.schedule(p, at + missing.maxGapMs + 1);
      if (rules !== undefined) for (let k = 0; k < rules.length; k++) rules[k]?.onReading(r, x0, x1, x2, b);
      if (NEWS2_TYPE[ti] === true) {
        if (ti === HEART_RATE) {
          p.pulseAt = at;
          p.pulseValue = x0;
        } else if (ti === SPO2) {
          p.onOxygen = reading.type === 'spo2' && reading.onOxygen === true;
        } else if (reading.type === 'blood_pressure' && reading.pulse !== undefined && at >= p.pulseAt) {
          p.pulseAt = at;
          p.pulseValue = reading.pulse;
        }
        if (at > p.news2At) p.news2At = at;
        this.evaluateNews2(p, at, r.receivedAt, b);
      }
    } else if (rules !== undefined) {
      for (let k = 0; k < rules.length; k++) rules[k]?.onLateReading(r, x0, x1, x2, b);
    }
    if (ti === BODY_WEIGHT) this.morningWeight(p, r, x0, b);
    if (p.offlineDevices > 0) this.deviceSeen(p, r.deviceId, r.receivedAt, b);
  }

  private evaluateNews2(p: PatientState, at: number, receivedAt: number, b: Batch): void {
    const rules = p.news2Rules;
    if (rules.length === 0) return;
    const packed = news2Packed(p, p.news2At - this.news2WindowMs);
    for (let k = 0; k < rules.length; k++) rules[k]?.evaluate(packed, at, receivedAt, b);
  }

  private morningWeight(p: PatientState, r: AcceptedReading, kg: number, b: Batch): void {
    const day = morningDay(r.reading.at, this.utcOffsetMs);
    if (day < 0) return;
    const weights = p.morningWeights();
    if (!weights.insert(day, kg, r.reading.at, r.receivedAt)) return;
    const latestChanged = weights.days[weights.days.length - 1] === day;
    for (const rule of p.weightRules) rule.evaluate(weights, latestChanged, b);
  }

  /** A reading from a device that said it was offline shows it is back. */
  private deviceSeen(p: PatientState, deviceId: string, receivedAt: number, b: Batch): void {
    const d = p.devices?.get(deviceId);
    if (d === undefined || !d.offline || receivedAt < d.statusAt) return;
    d.offline = false;
    p.offlineDevices--;
    p.deviceRules.offline?.leave(deviceId, b);
  }

  private since(p: PatientState, typeIndex: number): number {
    const last = p.lastAt[typeIndex] ?? -Infinity;
    return last === -Infinity ? p.activeSince : last;
  }

  /** Queues the patient's earliest due time-driven check (never at or before `now`, so tick cannot loop). */
  private scheduleNext(p: PatientState, now: number): void {
    let due = Infinity;
    for (const m of p.missingRules) {
      const since = this.since(p, TYPE_INDEX[m.def.readingType]);
      if (!Number.isNaN(since)) due = Math.min(due, m.nextDue(since) + 1);
    }
    for (const l of p.timedLimits) due = Math.min(due, l.nextDue());
    if (due !== Infinity) this.schedule(p, Math.max(due, now + 1));
  }

  private schedule(p: PatientState, at: number): void {
    if (p.removed || !(at < p.scheduledAt)) return;
    p.scheduledAt = at;
    this.queue.push(at, p);
  }

  private batch(now: number): Batch {
    return new Batch(now, ++this.epoch, this.lateAfterMs, this.scheduleFn);
  }

  private create(patientId: string): PatientState {
    const profile: PatientProfile = { patientId, programmes: DEFAULT_PROGRAMMES, overrides: [] };
    const p = new PatientState(patientId, this.seq++, profile, this.compile(profile));
    this.patients.set(patientId, p);
    return p;
  }

  private compile(profile: PatientProfile): CompiledProfile {
    const programmes = profile.programmes.length === 0 ? DEFAULT_PROGRAMMES : profile.programmes;
    const target = profile.spo2Target ?? defaultSpo2Target(programmes);
    const key = `${programmes.join(',')}|${target}`;
    const cacheable = profile.overrides.length === 0;
    const cached = cacheable ? this.compiledCache.get(key) : undefined;
    if (cached !== undefined) return cached;
    const compiled = compileProfile(resolveRules(programmes, target, profile.overrides), target === '88-92' ? 2 : 1);
    if (cacheable) this.compiledCache.set(key, compiled);
    return compiled;
  }
}
