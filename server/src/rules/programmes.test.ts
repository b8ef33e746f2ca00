import { describe, expect, it } from 'vitest';
import { defaultSpo2Target, PROGRAMME_IDS, PROGRAMMES, validateOverride } from './clinical-rules-engine.ts';
import { ALL_RULE_IDS } from './effective-rules.ts';
import { engineFor } from './rules-fixtures.ts';
import type { ProgrammeId } from './types.ts';

describe('programme packs', () => {
  it.each([
    [
      'kidney_transplant',
      [
        'fever',
        'weight_gain_1d',
        'weight_gain_7d',
        'bp_above_target',
        'bp_crisis',
        'spo2_very_low',
        'spo2_below_target',
        'missing_blood_pressure',
        'missing_body_weight',
        'missing_body_temperature',
      ],
    ],
    [
      'liver_transplant',
      ['fever', 'weight_gain_2d', 'bp_crisis', 'spo2_very_low', 'spo2_below_target', 'missing_body_weight', 'missing_body_temperature'],
    ],
    [
      'heart_transplant',
      [
        'fever',
        'weight_gain_1d',
        'weight_gain_7d',
        'bp_crisis',
        'bp_low',
        'heart_rate_high',
        'heart_rate_low',
        'spo2_very_low',
        'spo2_below_target',
        'missing_body_weight',
        'missing_body_temperature',
        'missing_blood_pressure',
      ],
    ],
    [
      'heart_failure',
      [
        'weight_gain_3d',
        'bp_crisis',
        'bp_low',
        'heart_rate_high',
        'heart_rate_low',
        'spo2_very_low',
        'spo2_below_target',
        'missing_body_weight',
        'missing_blood_pressure',
      ],
    ],
    ['hypertension', ['bp_crisis', 'bp_elevated_home', 'spo2_very_low', 'missing_blood_pressure']],
    ['copd', ['spo2_very_low', 'spo2_below_target', 'respiratory_rate_high', 'missing_spo2']],
    ['diabetes', ['glucose_low_l2', 'glucose_low_l1', 'glucose_high', 'spo2_very_low', 'missing_blood_glucose']],
    ['news2_general', ['news2_high', 'news2_medium']],
  ] as [ProgrammeId, string[]][])('%s has its rules plus the device rules', (id, rules) => {
    const pack = PROGRAMMES[id];
    expect(pack.id).toBe(id);
    expect(pack.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pack.rules.map((r) => r.id)).toEqual([...rules, 'device_battery_low', 'device_clock_wrong', 'device_offline']);
  });

  it('every default number has a unit, a source and a plausible override range that contains it', () => {
    for (const id of PROGRAMME_IDS) {
      for (const rule of PROGRAMMES[id].rules) {
        for (const [name, p] of Object.entries(rule.params)) {
          const where = `${id}.${rule.id}.${name}`;
          expect(p.source.length, where).toBeGreaterThan(10);
          expect(p.unit.length, where).toBeGreaterThan(0);
          for (const value of [p.value, ...Object.values(p.byTarget ?? {})]) {
            expect(value, where).toBeGreaterThanOrEqual(p.min);
            expect(value, where).toBeLessThanOrEqual(p.max);
            expect(validateOverride({ ruleId: rule.id, param: name, value }), where).toBeUndefined();
          }
        }
      }
    }
  });

  it('the programme list is the public one', () => {
    expect(Object.keys(PROGRAMMES).sort()).toEqual([...PROGRAMME_IDS].sort());
    expect(ALL_RULE_IDS.length).toBeGreaterThan(20);
  });
});

describe('SpO2 target default', () => {
  it.each([
    [[], '94-98'],
    [['copd'], '94-98'], // scale 2 needs a prescribed 88–92 % target (RCP, BTS): never presumed
    [['kidney_transplant', 'diabetes'], '94-98'],
  ] as [ProgrammeId[], string][])('%j → %s', (programmes, target) => {
    expect(defaultSpo2Target(programmes)).toBe(target);
  });

  it('an explicit target decides the thresholds and the NEWS2 scale', () => {
    const engine = engineFor({ programmes: ['copd'], spo2Target: '88-92' });
    expect(engine.thresholds('p1').find((t) => t.ruleId === 'spo2_below_target' && t.param === 'limit')).toMatchObject({
      value: 88,
      defaultValue: 88,
    });
    expect(engine.news2('p1', 0).scale).toBe(2);
  });
});

describe('validateOverride', () => {
  it.each([
    [{ ruleId: 'fever', param: 'limit', value: 38.3 }, undefined],
    [{ ruleId: 'spo2_below_target', param: 'confirmReadings', value: 3 }, undefined],
    [{ ruleId: 'nope', param: 'limit', value: 1 }, "unknown rule 'nope'"],
    [{ ruleId: 'fever', param: 'nope', value: 1 }, "rule 'fever' has no parameter 'nope' (it has: limit, clear)"],
    [{ ruleId: 'fever', param: 'limit', value: 45 }, 'fever.limit = 45 Cel is outside the plausible range 37–41 Cel'],
    [{ ruleId: 'fever', param: 'limit', value: Number.NaN }, 'fever.limit must be a number'],
    [
      { ruleId: 'spo2_below_target', param: 'confirmReadings', value: 2.5 },
      'spo2_below_target.confirmReadings must be a whole number of readings',
    ],
  ])('%j → %s', (override, message) => {
    expect(validateOverride(override)).toBe(message);
  });
});

describe('thresholds()', () => {
  it('lists every rule param with default, unit and source', () => {
    const thresholds = engineFor({ programmes: ['heart_failure'] }).thresholds('p1');
    expect(thresholds.find((t) => t.ruleId === 'weight_gain_3d' && t.param === 'limitKg')).toEqual({
      ruleId: 'weight_gain_3d',
      param: 'limitKg',
      value: 2,
      defaultValue: 2,
      unit: 'kg',
      overridden: false,
      source: 'ESC HFA (heartfailurematters.org): weight up >2 kg in 3 days, REFERENCE.md §2',
    });
  });

  it('an unknown patient gets the news2_general thresholds', () => {
    expect(
      engineFor()
        .thresholds('nobody')
        .map((t) => t.ruleId),
    ).toContain('news2_high');
  });
});
