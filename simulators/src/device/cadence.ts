import { VITAL_TYPES, type VitalType } from '@rpm/contracts';

/** How often a device measures each vital type: every N ticks; 0 = never. */
export type Cadence = Readonly<Record<VitalType, number>>;

/**
 * Demo cadence, with the default 5 s tick: heart rate and SpO2 every tick (a continuous oximeter), respiratory rate
 * every 15 s, temperature every minute, blood pressure every 5 min, glucose every 10 min, weight every hour. Real
 * home programmes measure BP and weight once or twice a day (REFERENCE.md §2); a demo compresses that.
 */
export const DEFAULT_CADENCE: Cadence = {
  heart_rate: 1,
  spo2: 1,
  respiratory_rate: 3,
  body_temperature: 12,
  blood_pressure: 60,
  blood_glucose: 120,
  body_weight: 720,
};

export function resolveCadence(overrides: Partial<Cadence> = {}): Cadence {
  return { ...DEFAULT_CADENCE, ...overrides };
}

/** The types due at a tick. Tick 0 measures every type with a cadence, so a new device shows all its vitals at once. */
export function typesDue(cadence: Cadence, tick: number): VitalType[] {
  return VITAL_TYPES.filter((type) => cadence[type] > 0 && tick % cadence[type] === 0);
}
