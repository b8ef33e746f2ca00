import type { AlertPriority } from '@rpm/contracts';
import type { RuleEvent, RuleReadingType } from './types.ts';

/** A trigger being built during one call; its fields are final when the call returns. */
export interface OpenTrigger {
  patientId: string;
  ruleId: string;
  priority: AlertPriority;
  readingType: RuleReadingType;
  params: Record<string, number>;
  measuredAt: number;
  receivedAt: number;
  backfilled: boolean;
  dataAgeMs: number;
  readingsCount: number;
  deviceId: string | undefined;
}

/** A rule instance that opened a trigger in this call and fills it in at the end. */
export interface Reportable {
  finalize(batch: Batch): void;
}

/** A rule instance with work left for the end of the call (late episodes, confirmation by time). */
export interface EndOfBatch {
  endOfBatch(batch: Batch): void;
}

/** Something that wants the engine's tick at a given time (a patient). */
export type Schedule = (owner: object, at: number) => void;

/**
 * One engine call (ingest, tick, recordConsciousness …): the events in order, and the instances to finish at the end.
 * `epoch` distinguishes calls so an instance knows whether its trigger belongs to this one.
 */
export class Batch {
  readonly events: RuleEvent[] = [];
  readonly open: Reportable[] = [];
  readonly endOfBatch: EndOfBatch[] = [];
  readonly now: number;
  readonly epoch: number;
  readonly lateAfterMs: number;
  readonly schedule: Schedule;

  constructor(now: number, epoch: number, lateAfterMs: number, schedule: Schedule) {
    this.now = now;
    this.epoch = epoch;
    this.lateAfterMs = lateAfterMs;
    this.schedule = schedule;
  }

  /**
   * Starts a raise event now (so it keeps its place before a later clear); the owner fills it in at finalize.
   * Without an owner the caller fills it in at once.
   */
  openTrigger(
    owner: Reportable | null,
    patientId: string,
    ruleId: string,
    priority: AlertPriority,
    readingType: RuleReadingType,
  ): OpenTrigger {
    const trigger: OpenTrigger = {
      patientId,
      ruleId,
      priority,
      readingType,
      params: {},
      measuredAt: 0,
      receivedAt: 0,
      backfilled: false,
      dataAgeMs: 0,
      readingsCount: 0,
      deviceId: undefined,
    };
    this.events.push({ kind: 'raise', trigger });
    if (owner !== null) this.open.push(owner);
    return trigger;
  }

  clear(patientId: string, ruleId: string, detail: string): void {
    this.events.push({ kind: 'clear', patientId, ruleId, detail });
  }

  isLate(measuredAt: number, receivedAt: number): boolean {
    return receivedAt - measuredAt > this.lateAfterMs;
  }

  /** Runs the end-of-call work, then fills in every open trigger; returns the events. */
  finish(): RuleEvent[] {
    for (let i = 0; i < this.endOfBatch.length; i++) this.endOfBatch[i]?.endOfBatch(this);
    for (let i = 0; i < this.open.length; i++) this.open[i]?.finalize(this);
    return this.events;
  }
}
