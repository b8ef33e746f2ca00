import type { Consciousness, News2Risk } from './types.ts';

/**
 * NEWS2 Chart 1 (RCP 2017), REFERENCE.md §1: one function per row. Values are rounded to the chart's precision
 * (whole numbers; temperature to 0.1 °C) before banding, so e.g. 38.04 °C scores as 38.0.
 */

export function scoreRespiratoryRate(perMin: number): number {
  const v = Math.round(perMin);
  if (v <= 8) return 3; // ≤8
  if (v <= 11) return 1; // 9–11
  if (v <= 20) return 0; // 12–20
  if (v <= 24) return 2; // 21–24
  return 3; // ≥25
}

export function scoreSpo2Scale1(percent: number): number {
  const v = Math.round(percent);
  if (v <= 91) return 3; // ≤91
  if (v <= 93) return 2; // 92–93
  if (v <= 95) return 1; // 94–95
  return 0; // ≥96
}

/** Scale 2: only for a prescribed 88–92 % target; high saturations score only on oxygen. */
export function scoreSpo2Scale2(percent: number, onOxygen: boolean): number {
  const v = Math.round(percent);
  if (v <= 83) return 3; // ≤83
  if (v <= 85) return 2; // 84–85
  if (v <= 87) return 1; // 86–87
  if (v <= 92 || !onOxygen) return 0; // 88–92, or ≥93 on air
  if (v <= 94) return 1; // 93–94 on oxygen
  if (v <= 96) return 2; // 95–96 on oxygen
  return 3; // ≥97 on oxygen
}

export function scoreAirOrOxygen(onOxygen: boolean): number {
  return onOxygen ? 2 : 0; // oxygen 2, air 0
}

export function scoreSystolic(mmHg: number): number {
  const v = Math.round(mmHg);
  if (v <= 90) return 3; // ≤90
  if (v <= 100) return 2; // 91–100
  if (v <= 110) return 1; // 101–110
  if (v <= 219) return 0; // 111–219
  return 3; // ≥220
}

export function scorePulse(perMin: number): number {
  const v = Math.round(perMin);
  if (v <= 40) return 3; // ≤40
  if (v <= 50) return 1; // 41–50
  if (v <= 90) return 0; // 51–90
  if (v <= 110) return 1; // 91–110
  if (v <= 130) return 2; // 111–130
  return 3; // ≥131
}

export function scoreConsciousness(acvpu: Consciousness): number {
  return acvpu === 'A' ? 0 : 3; // Alert 0; new Confusion, Voice, Pain, Unresponsive 3
}

export function scoreTemperature(celsius: number): number {
  const v = Math.round(celsius * 10) / 10;
  if (v <= 35.0) return 3; // ≤35.0
  if (v <= 36.0) return 1; // 35.1–36.0
  if (v <= 38.0) return 0; // 36.1–38.0
  if (v <= 39.0) return 1; // 38.1–39.0
  return 2; // ≥39.1
}

/** RCP 2017 triggers: ≥7 high; 5–6 medium; any single parameter scoring 3 low–medium; else low. */
export function news2Risk(score: number, anySingleThree: boolean): News2Risk {
  if (score >= 7) return 'high';
  if (score >= 5) return 'medium';
  if (anySingleThree) return 'low-medium';
  return 'low';
}
