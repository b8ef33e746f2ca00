import type { DeviceReading, VitalType } from '@rpm/contracts';
import { DEFAULT_CADENCE, typesDue } from '@rpm/simulators';

/** Steady, unremarkable values (no rule should fire on a backlog): the drain, not the clinical content, is measured. */
function reading(type: VitalType, at: string): DeviceReading {
  switch (type) {
    case 'heart_rate':
      return { type, at, unit: '/min', value: 72 };
    case 'spo2':
      return { type, at, unit: '%', value: 97 };
    case 'respiratory_rate':
      return { type, at, unit: '/min', value: 14 };
    case 'body_temperature':
      return { type, at, unit: 'Cel', value: 36.7 };
    case 'blood_pressure':
      return { type, at, unit: 'mm[Hg]', systolic: 120, diastolic: 78 };
    case 'blood_glucose':
      return { type, at, unit: 'mmol/L', value: 5.5 };
    case 'body_weight':
      return { type, at, unit: 'kg', value: 75 };
  }
}

/** Readings a device measures over `ticks` ticks of the demo cadence (simulators' DEFAULT_CADENCE). */
export function backlogReadingCount(ticks: number): number {
  let n = 0;
  for (let t = 0; t < ticks; t++) n += typesDue(DEFAULT_CADENCE, t).length;
  return n;
}

/**
 * A device's stored-and-forwarded backlog, message by message: each the next `perMessage` readings in time order.
 * Generated lazily, so 1,000 devices × 24 h (42 million readings) never sit in memory at once.
 */
export class BacklogCursor {
  private tick = 0;
  private pending: DeviceReading[] = [];
  private readonly startAt: number;
  private readonly tickMs: number;
  private readonly ticks: number;
  private readonly perMessage: number;

  constructor(o: { startAt: number; tickMs: number; ticks: number; readingsPerMessage: number }) {
    this.startAt = o.startAt;
    this.tickMs = o.tickMs;
    this.ticks = o.ticks;
    this.perMessage = o.readingsPerMessage;
  }

  /** The next message's readings, or undefined when the backlog is exhausted. */
  next(): DeviceReading[] | undefined {
    while (this.pending.length < this.perMessage && this.tick < this.ticks) {
      const at = new Date(this.startAt + this.tick * this.tickMs).toISOString();
      for (const type of typesDue(DEFAULT_CADENCE, this.tick)) this.pending.push(reading(type, at));
      this.tick++;
    }
    if (this.pending.length === 0) return undefined;
    return this.pending.splice(0, this.perMessage);
  }
}
