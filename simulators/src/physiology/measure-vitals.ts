import {
  BLOOD_PRESSURE_COMPONENTS,
  VITALS,
  roundTo,
  type CanonicalReading,
  type Range,
  type ScalarVitalType,
  type VitalType,
} from '@rpm/contracts';
import { hashNormal, hashString } from '../random.ts';
import { VARIABLE_BEHAVIOUR, type PhysiologicalVariable, type VitalState } from './physiological-variables.ts';
import type { SimulatedPatient } from './simulated-patient.ts';
import { VARIABLE_KEYS, trueVitals } from './true-vitals.ts';

const MEASUREMENT_KEY = hashString('measurement');
/** The cuff counts the pulse itself: its error is independent of the oximeter's heart-rate reading. */
const CUFF_KEY = hashString('cuff');

const clamp = (value: number, range: Range): number => Math.min(range.max, Math.max(range.min, value));

/** One device reading of a variable: the true value plus the device's error, rounded as the device displays it. */
function measured(patient: SimulatedPatient, truth: VitalState, variable: PhysiologicalVariable, atMs: number, instrumentKey = 0): number {
  const behaviour = VARIABLE_BEHAVIOUR[variable];
  const error = behaviour.measurementSd * hashNormal(patient.seed, MEASUREMENT_KEY, instrumentKey, VARIABLE_KEYS[variable], atMs);
  return roundTo(truth[variable] + error, behaviour.decimals);
}

/**
 * Measures the given vital types at an instant, in canonical units. Values are kept inside the catalogue's
 * plausible ranges, so a simulated device never sends what the gateway would refuse as implausible (a device
 * sending implausible values is a later fault scenario, not noise).
 */
export function measureVitals(patient: SimulatedPatient, types: readonly VitalType[], atMs: number): CanonicalReading[] {
  const truth = trueVitals(patient, atMs);
  return types.map((type): CanonicalReading => {
    if (type === 'blood_pressure') {
      const systolic = clamp(measured(patient, truth, 'systolic', atMs), BLOOD_PRESSURE_COMPONENTS.systolic.range);
      // A cuff never reports a diastolic at or above the systolic; keep a physiological gap (pulse pressure).
      const diastolic = clamp(
        Math.min(measured(patient, truth, 'diastolic', atMs), systolic - 15),
        BLOOD_PRESSURE_COMPONENTS.diastolic.range,
      );
      const pulse = clamp(measured(patient, truth, 'heart_rate', atMs, CUFF_KEY), VITALS.heart_rate.range);
      return { type, at: atMs, systolic, diastolic, pulse };
    }
    const scalar: ScalarVitalType = type;
    return { type: scalar, at: atMs, value: clamp(measured(patient, truth, scalar, atMs), VITALS[scalar].range) };
  });
}
