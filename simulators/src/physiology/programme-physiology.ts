import type { ProgrammeId, Spo2Target } from '@rpm/contracts';
import type { MeasurementSchedule, ScheduledMeasurement } from './measurement-schedule.ts';
import type { PhysiologicalVariable } from './physiological-variables.ts';

/**
 * What a patient of each programme looks like when *stable*, and when they measure what. Baseline ranges replace
 * those of VARIABLE_BEHAVIOUR for the variables named; a stable patient should stay clear of the programme's rules
 * (server/src/rules/programmes.ts, read-only here), so alerts come from scenarios, not from noise.
 */
export interface ProgrammePhysiology {
  readonly baseline: Partial<Record<PhysiologicalVariable, readonly [min: number, max: number]>>;
  /** multiplies the meal rises of circadian.ts (1 = no diabetes) */
  readonly mealRiseFactor: number;
  /** the prescription the simulator asks for at enrolment; undefined = the programme's default (94–98 %) */
  readonly spo2Target: Spo2Target | undefined;
  readonly schedule: MeasurementSchedule;
}

// OHSU kidney transplant instructions (REFERENCE.md §2): BP twice daily.
const BP_TWICE_DAILY: ScheduledMeasurement = { types: ['blood_pressure'], localHours: [8, 20], jitterMinutes: 30, skipShare: 0.03 };
// ESC HFA (heartfailurematters.org): weigh every morning after waking; the rules take the first weight 04:00–11:00
// local (docs/clinical-rules.md §6).
const WEIGHT_EACH_MORNING: ScheduledMeasurement = { types: ['body_weight'], localHours: [7], jitterMinutes: 45, skipShare: 0.03 };
// Twice a day, as the issue asks; transplant centres ask for it when unwell (OHSU, Allina; REFERENCE.md §2).
const TEMPERATURE_TWICE_DAILY: ScheduledMeasurement = {
  types: ['body_temperature'],
  localHours: [8, 20],
  jitterMinutes: 30,
  skipShare: 0.03,
};
// Pulse-oximeter spot checks every two waking hours (project choice: "often"); the simulated oximeter also
// reports a respiratory rate, as some wearables do, so NEWS2 and the COPD rule have one.
const SPOT_CHECKS: ScheduledMeasurement = {
  types: ['spo2', 'heart_rate', 'respiratory_rate'],
  localHours: [7, 9, 11, 13, 15, 17, 19, 21, 23],
  jitterMinutes: 15,
  skipShare: 0.05,
};
// Self-monitoring around meals (ADA Standards of Care 2024, §7: before meals, at bedtime, and after meals when
// adjusting therapy): fasting before breakfast (meal at 08:00, circadian.ts), before lunch (13:00), 2 h after dinner
// (19:00) and at bedtime.
const GLUCOSE_AROUND_MEALS: ScheduledMeasurement = {
  types: ['blood_glucose'],
  localHours: [7.5, 12.75, 21, 22.75],
  jitterMinutes: 15,
  skipShare: 0.03,
};

const TRANSPLANT_SCHEDULE: MeasurementSchedule = [BP_TWICE_DAILY, WEIGHT_EACH_MORNING, TEMPERATURE_TWICE_DAILY, SPOT_CHECKS];

export const PROGRAMME_PHYSIOLOGY: Readonly<Record<ProgrammeId, ProgrammePhysiology>> = {
  kidney_transplant: {
    // KDOQI / KDIGO 2021 (REFERENCE.md §2): BP target < 130/80 mmHg; a stable, treated recipient is below it.
    baseline: { systolic: [108, 118], diastolic: [64, 72] },
    mealRiseFactor: 1,
    spo2Target: undefined,
    schedule: TRANSPLANT_SCHEDULE,
  },
  liver_transplant: { baseline: {}, mealRiseFactor: 1, spo2Target: undefined, schedule: TRANSPLANT_SCHEDULE },
  heart_transplant: {
    // A denervated transplanted heart beats faster at rest (docs/clinical-rules.md §10); 85–100 /min is
    // illustrative (project choice), below the heart_rate_high limit 131 /min (NEWS2 score 3).
    baseline: { heart_rate: [85, 100], systolic: [115, 128] },
    mealRiseFactor: 1,
    spo2Target: undefined,
    schedule: TRANSPLANT_SCHEDULE,
  },
  heart_failure: {
    // Beta-blocked: ESC 2021 HF guidelines consider ivabradine when sinus rhythm stays ≥ 70 /min, so most treated
    // patients sit around 60–75 /min. Systolic kept above bp_low (≤ 100 mmHg, NEWS2 score 2) with margin for noise.
    baseline: { heart_rate: [58, 75], systolic: [115, 128], diastolic: [65, 78], body_weight: [65, 105] },
    mealRiseFactor: 1,
    spo2Target: undefined,
    schedule: [BP_TWICE_DAILY, WEIGHT_EACH_MORNING, SPOT_CHECKS],
  },
  hypertension: {
    // Treated and controlled: home BP below 135/85 mmHg (Hypertension Canada, REFERENCE.md §2).
    baseline: { systolic: [118, 126], diastolic: [72, 78] },
    mealRiseFactor: 1,
    spo2Target: undefined,
    schedule: [BP_TWICE_DAILY, SPOT_CHECKS],
  },
  copd: {
    // At risk of hypercapnia: lives at 88–92 % (BTS 2017, REFERENCE.md §2), breathes a little faster and has a
    // higher resting pulse than a healthy adult (illustrative, inside the NEWS2 0–1 bands).
    baseline: { spo2: [89.5, 91.5], respiratory_rate: [16, 19], heart_rate: [72, 88] },
    mealRiseFactor: 1,
    // BTS 2017: target 88–92 % for patients at risk of hypercapnic failure; NEWS2 scale 2 needs the prescription.
    spo2Target: '88-92',
    schedule: [SPOT_CHECKS, TEMPERATURE_TWICE_DAILY],
  },
  diabetes: {
    // Fasting above the ADA pre-prandial target 4.4–7.2 mmol/L is common in type 2 diabetes; larger meal rises keep
    // the post-prandial peak near 10–12 mmol/L, under glucose_high (> 13.9 mmol/L, CGM consensus).
    baseline: { blood_glucose: [5.5, 7.5] },
    mealRiseFactor: 1.6,
    spo2Target: undefined,
    schedule: [GLUCOSE_AROUND_MEALS, BP_TWICE_DAILY, WEIGHT_EACH_MORNING, SPOT_CHECKS],
  },
  news2_general: {
    baseline: {},
    mealRiseFactor: 1,
    spo2Target: undefined,
    schedule: [SPOT_CHECKS, BP_TWICE_DAILY, TEMPERATURE_TWICE_DAILY],
  },
};
