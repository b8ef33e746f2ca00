import type { Cadence, ProgrammePack, RuleDef } from './rule-definition.ts';
import {
  bpAbove,
  bpCrisis,
  bpLow,
  DEVICE_RULES,
  fever,
  glucoseHigh,
  glucoseLowLevel1,
  glucoseLowLevel2,
  heartRateHigh,
  heartRateLow,
  missingDataRules,
  news2Rule,
  respiratoryRateHigh,
  spo2BelowTarget,
  spo2VeryLow,
  weightGain,
} from './rule-library.ts';
import type { ProgrammeId } from './types.ts';
import type { VitalType } from '@rpm/contracts';

/**
 * The programme rule packs: published defaults with their sources (clinical REFERENCE.md §2). A pack's version is
 * bumped whenever a rule or a default changes. Every pack also gets the device rules and a missing-data rule for each
 * vital type it expects on a cadence.
 */

const OHSU = 'OHSU kidney transplant patient instructions, REFERENCE.md §2';
const ALLINA = 'Allina Health heart transplant instructions, REFERENCE.md §2';
const DAILY = (source: string): Cadence => ({ everyHours: 24, source });

/**
 * Rules every pack carries even when its own rules do not watch that vital: a hypertension or diabetes patient whose
 * oximeter reads in the band NEWS2 scores 3 (RCP 2017, REFERENCE.md §1) must not go unnoticed because the programme
 * is about something else.
 */
function safetyNet(rules: readonly RuleDef[]): RuleDef[] {
  // a NEWS2 pack already pages on a single SpO2 scoring 3 (news2_medium)
  return rules.some((r) => r.id === spo2VeryLow.id || r.kind === 'news2') ? [] : [spo2VeryLow];
}

function pack(
  id: ProgrammeId,
  title: string,
  cadence: Readonly<Partial<Record<VitalType, Cadence>>>,
  rules: readonly RuleDef[],
): ProgrammePack {
  return {
    id,
    version: '1.0.0',
    title,
    // BTS 2017 (REFERENCE.md §2): 88–92 % only for patients at risk of hypercapnia; RCP NEWS2: scale 2 only for a
    // prescribed 88–92 % target. No pack presumes that prescription — it is set per patient (docs/clinical-rules.md).
    spo2Target: '94-98',
    cadence,
    rules: [...rules, ...safetyNet(rules), ...missingDataRules(cadence), ...DEVICE_RULES],
  };
}

export const PROGRAMMES: Readonly<Record<ProgrammeId, ProgrammePack>> = {
  kidney_transplant: pack(
    'kidney_transplant',
    'Kidney transplant',
    {
      blood_pressure: { everyHours: 12, source: `${OHSU}: BP twice daily` },
      body_weight: DAILY(`${OHSU}: the weight rule is per day, so weigh daily`),
      body_temperature: DAILY('project choice: daily temperature, the fever rule needs it'),
    },
    [
      fever({ value: 37.8, source: `${OHSU}: temperature ≥37.8 °C (100 °F) → call` }, '>='),
      weightGain(1, { value: 0.9, source: `${OHSU}: gain >0.9 kg in 1 day` }, '>'),
      weightGain(7, { value: 1.8, source: `${OHSU}: gain >1.8 kg in 7 days` }, '>'),
      bpAbove(
        'bp_above_target',
        { value: 130, source: 'KDOQI / KDIGO 2021: BP target <130/80 mmHg, REFERENCE.md §2' },
        { value: 80, source: 'KDOQI / KDIGO 2021: BP target <130/80 mmHg, REFERENCE.md §2' },
        '>=',
      ),
      bpCrisis,
      spo2VeryLow,
      spo2BelowTarget,
    ],
  ),
  liver_transplant: pack(
    'liver_transplant',
    'Liver transplant',
    {
      body_weight: DAILY('Vidant Health: the weight rule is per day, so weigh daily'),
      body_temperature: DAILY('project choice: daily temperature, the fever rule needs it'),
    },
    [
      fever({ value: 38.0, source: 'Vidant Health: temperature >38 °C → call, REFERENCE.md §2' }, '>'),
      weightGain(2, { value: 1.8, source: 'Vidant Health: ~0.9 kg/day for 2 days is significant, REFERENCE.md §2' }, '>='),
      bpCrisis,
      spo2VeryLow,
      spo2BelowTarget,
    ],
  ),
  heart_transplant: pack(
    'heart_transplant',
    'Heart transplant',
    {
      body_weight: DAILY(`${ALLINA}: "overnight" weight rule, so weigh every morning`),
      body_temperature: DAILY('project choice: daily temperature, the fever rule needs it'),
      blood_pressure: DAILY('project choice: daily BP, Allina asks to report BP lower than usual'),
    },
    [
      fever({ value: 38.1, source: `${ALLINA}: fever >38.1 °C` }, '>'),
      weightGain(1, { value: 0.9, source: `${ALLINA}: weight >0.9 kg overnight` }, '>'),
      weightGain(7, { value: 1.8, source: `${ALLINA}: weight >1.8 kg in a week` }, '>'),
      bpCrisis,
      bpLow,
      heartRateHigh,
      heartRateLow,
      spo2VeryLow,
      spo2BelowTarget,
    ],
  ),
  heart_failure: pack(
    'heart_failure',
    'Heart failure',
    {
      body_weight: DAILY('ESC HFA (heartfailurematters.org): weigh daily, REFERENCE.md §2'),
      blood_pressure: DAILY('project choice: daily BP and pulse'),
    },
    [
      weightGain(3, { value: 2.0, source: 'ESC HFA (heartfailurematters.org): weight up >2 kg in 3 days, REFERENCE.md §2' }, '>'),
      bpCrisis,
      bpLow,
      heartRateHigh,
      heartRateLow,
      spo2VeryLow,
      spo2BelowTarget,
    ],
  ),
  hypertension: pack('hypertension', 'Hypertension', { blood_pressure: DAILY('project choice: daily home BP') }, [
    bpCrisis,
    bpAbove(
      'bp_elevated_home',
      { value: 135, source: 'Hypertension Canada: home SBP ≥135 elevated, REFERENCE.md §2' },
      { value: 85, source: 'Hypertension Canada: home DBP ≥85 elevated, REFERENCE.md §2' },
      '>=',
    ),
  ]),
  copd: pack('copd', 'COPD', { spo2: DAILY('project choice: daily SpO2 spot check') }, [spo2VeryLow, spo2BelowTarget, respiratoryRateHigh]),
  diabetes: pack('diabetes', 'Diabetes', { blood_glucose: DAILY('project choice: at least one glucose reading a day') }, [
    glucoseLowLevel2,
    glucoseLowLevel1,
    glucoseHigh,
  ]),
  // NEWS2 at home: aggregate alerts only; no cadence (Chart 4 frequencies are ward observation intervals).
  news2_general: pack('news2_general', 'NEWS2 general', {}, [news2Rule('high'), news2Rule('medium')]),
};
