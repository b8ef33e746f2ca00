import { describe, expect, it } from 'vitest';
import {
  news2Risk,
  scoreAirOrOxygen,
  scoreConsciousness,
  scorePulse,
  scoreRespiratoryRate,
  scoreSpo2Scale1,
  scoreSpo2Scale2,
  scoreSystolic,
  scoreTemperature,
} from './news2-score.ts';
import type { Consciousness } from './types.ts';

// NEWS2 Chart 1 (RCP 2017), REFERENCE.md §1: both edges of every band.
describe('NEWS2 Chart 1 bands', () => {
  it.each([
    [5, 3],
    [8, 3],
    [9, 1],
    [11, 1],
    [12, 0],
    [20, 0],
    [21, 2],
    [24, 2],
    [25, 3],
    [40, 3],
  ])('respiratory rate %d/min scores %d', (value, score) => {
    expect(scoreRespiratoryRate(value)).toBe(score);
  });

  it.each([
    [85, 3],
    [91, 3],
    [92, 2],
    [93, 2],
    [94, 1],
    [95, 1],
    [96, 0],
    [100, 0],
  ])('SpO2 scale 1: %d %% scores %d', (value, score) => {
    expect(scoreSpo2Scale1(value)).toBe(score);
  });

  it.each([
    // [value, on oxygen, score]
    [80, false, 3],
    [83, false, 3],
    [84, false, 2],
    [85, false, 2],
    [86, false, 1],
    [87, false, 1],
    [88, false, 0],
    [92, false, 0],
    [88, true, 0],
    [92, true, 0],
    [93, false, 0],
    [97, false, 0],
    [100, false, 0], // ≥93 on air
    [93, true, 1],
    [94, true, 1],
    [95, true, 2],
    [96, true, 2],
    [97, true, 3],
    [100, true, 3], // on oxygen
    [83, true, 3],
    [85, true, 2],
    [87, true, 1],
  ])('SpO2 scale 2: %d %% (oxygen %s) scores %d', (value, onOxygen, score) => {
    expect(scoreSpo2Scale2(value, onOxygen)).toBe(score);
  });

  it.each([
    [false, 0],
    [true, 2],
  ])('air or oxygen: oxygen=%s scores %d', (onOxygen, score) => {
    expect(scoreAirOrOxygen(onOxygen)).toBe(score);
  });

  it.each([
    [70, 3],
    [90, 3],
    [91, 2],
    [100, 2],
    [101, 1],
    [110, 1],
    [111, 0],
    [219, 0],
    [220, 3],
    [260, 3],
  ])('systolic %d mmHg scores %d', (value, score) => {
    expect(scoreSystolic(value)).toBe(score);
  });

  it.each([
    [30, 3],
    [40, 3],
    [41, 1],
    [50, 1],
    [51, 0],
    [90, 0],
    [91, 1],
    [110, 1],
    [111, 2],
    [130, 2],
    [131, 3],
    [180, 3],
  ])('pulse %d/min scores %d', (value, score) => {
    expect(scorePulse(value)).toBe(score);
  });

  it.each([
    ['A', 0],
    ['C', 3],
    ['V', 3],
    ['P', 3],
    ['U', 3],
  ] as [Consciousness, number][])('consciousness %s scores %d', (value, score) => {
    expect(scoreConsciousness(value)).toBe(score);
  });

  it.each([
    [34.0, 3],
    [35.0, 3],
    [35.1, 1],
    [36.0, 1],
    [36.1, 0],
    [38.0, 0],
    [38.1, 1],
    [39.0, 1],
    [39.1, 2],
    [40.5, 2],
    [38.04, 0],
    [38.05, 1], // two-decimal values (°F converted) are rounded to the chart's 0.1 °C first
  ])('temperature %d °C scores %d', (value, score) => {
    expect(scoreTemperature(value)).toBe(score);
  });
});

describe('NEWS2 risk (RCP 2017 triggers)', () => {
  it.each([
    [0, false, 'low'],
    [4, false, 'low'],
    [3, true, 'low-medium'], // a single parameter scoring 3 with an aggregate ≤4
    [4, true, 'low-medium'],
    [5, false, 'medium'],
    [6, true, 'medium'],
    [7, false, 'high'],
    [12, true, 'high'],
  ] as const)('aggregate %d (single 3: %s) is %s', (score, anyThree, risk) => {
    expect(news2Risk(score, anyThree)).toBe(risk);
  });
});
