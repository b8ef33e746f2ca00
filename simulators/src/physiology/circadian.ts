import type { PhysiologicalVariable } from './physiological-variables.ts';
import { VARIABLE_BEHAVIOUR } from './physiological-variables.ts';

const HOUR_MS = 3_600_000;

/** Local clock hour in [0, 24) of an instant, for a patient living at `utcOffsetMinutes`. */
export function localHour(atMs: number, utcOffsetMinutes: number): number {
  const hours = (atMs + utcOffsetMinutes * 60_000) / HOUR_MS;
  return ((hours % 24) + 24) % 24;
}

/**
 * Usual meal times and the rise in glucose each brings. After a meal glucose peaks at about one hour and returns
 * over two to three (ADA Standards of Care 2024, §6: post-prandial glucose is measured 1–2 h after the start of the
 * meal, target < 10.0 mmol/L); the rises here keep a stable patient under that target.
 */
const MEALS: readonly { readonly hour: number; readonly riseMmolL: number }[] = [
  { hour: 8, riseMmolL: 1.8 },
  { hour: 13, riseMmolL: 2.2 },
  { hour: 19, riseMmolL: 2 },
];
const MEAL_PEAK_AFTER_HOURS = 1;

/** A gamma-like bump x·e^(1−x) that is 0 at the meal, 1 at its peak and fades over the next hours. */
function mealResponse(hoursSinceMeal: number): number {
  if (hoursSinceMeal <= 0) return 0;
  const x = hoursSinceMeal / MEAL_PEAK_AFTER_HOURS;
  return x * Math.exp(1 - x);
}

/**
 * The 24-hour term of a variable at a local hour: a cosine peaking at the variable's peak hour, plus meals for
 * glucose (scaled by `mealRiseFactor`: larger in diabetes).
 */
export function circadianTerm(variable: PhysiologicalVariable, hour: number, mealRiseFactor = 1): number {
  const behaviour = VARIABLE_BEHAVIOUR[variable];
  let term = behaviour.circadianAmplitude * Math.cos((2 * Math.PI * (hour - behaviour.circadianPeakHour)) / 24);
  if (variable === 'blood_glucose') {
    for (const meal of MEALS) {
      // Yesterday's dinner still counts just after midnight.
      const since = (((hour - meal.hour) % 24) + 24) % 24;
      term += meal.riseMmolL * mealRiseFactor * mealResponse(since);
    }
  }
  return term;
}
