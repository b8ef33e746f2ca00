import { malformedPayload, type DeviceFaults } from '../device/device-faults.ts';
import { hashString, hashUnit } from '../random.ts';
import type { CohortPatientPlan } from './plan-cohort.ts';
import { SCENARIOS } from './scenario-catalogue.ts';
import type { SimClock } from './sim-clock.ts';

const HOUR_MS = 3_600_000;
/** The clock-skew fault: the device's clock runs 12 minutes behind (device_clock_wrong raises at > 5 min). */
export const CLOCK_SKEW_MS = -12 * 60_000;
const BATTERY_KEY = hashString('battery');

/** What a device of this plan does wrong, following the simulated clock. Empty for clinical and stable plans. */
export function deviceScenarioFaults(plan: CohortPatientPlan, clock: SimClock): DeviceFaults & { clockErrorMs(): number } {
  const onset = plan.onsetMs ?? Number.POSITIVE_INFINITY;
  const end = onset + SCENARIOS[plan.scenario].durationMs;
  const active = (): boolean => clock.now() >= onset;
  const during = (): boolean => {
    const now = clock.now();
    return now >= onset && now < end;
  };
  // A healthy device's battery: charged daily, so 55–95 % (project choice, not clinical).
  const healthyBattery = 55 + Math.floor(hashUnit(plan.seed, BATTERY_KEY) * 40);
  const none = { clockErrorMs: () => 0, batteryPercent: () => healthyBattery };
  switch (plan.scenario) {
    case 'device_offline':
    case 'rural_connectivity':
      return { ...none, linkUp: () => !during(), storeAndForward: plan.scenario === 'rural_connectivity' };
    case 'clock_skew':
      return { ...none, clockErrorMs: () => (active() ? CLOCK_SKEW_MS : 0) };
    case 'duplicate_uploads':
      return { ...none, duplicate: () => active() };
    case 'low_battery':
      // Drains from its usual charge to 8 % over 12 simulated hours and stays there (not charged).
      return {
        ...none,
        batteryPercent: () => {
          const since = clock.now() - onset;
          if (since <= 0) return healthyBattery;
          return Math.max(8, healthyBattery - (healthyBattery - 8) * (since / (12 * HOUR_MS)));
        },
      };
    case 'faulty_firmware':
      return { ...none, corrupt: (seq, payload) => (active() && seq % 3 === 0 ? malformedPayload(seq, payload) : undefined) };
    case 'stable':
    case 'infection':
    case 'rejection':
    case 'hf_decompensation':
    case 'hypertensive_crisis':
    case 'hypoglycaemia':
    case 'copd_exacerbation':
      return none;
  }
}

/** True while the plan's device is switched off (device_offline): it measures nothing. */
export function poweredOff(plan: CohortPatientPlan, atMs: number): boolean {
  if (plan.scenario !== 'device_offline' || plan.onsetMs === undefined) return false;
  return atMs >= plan.onsetMs && atMs < plan.onsetMs + SCENARIOS.device_offline.durationMs;
}
