import { hashString, hashUnit } from '../random.ts';
import type { Scenario } from './scenario.ts';

const MINUTE_MS = 60_000;

export interface DesaturationOptions {
  /** start of the first episode is `anchorMs` + a per-patient delay in `firstOnsetMs`, epoch ms */
  readonly anchorMs: number;
  /** range of the per-patient delay of the first episode after `anchorMs`, ms */
  readonly firstOnsetMs: readonly [min: number, max: number];
  /** an episode starts every `cycleMs` */
  readonly cycleMs: number;
  /** SpO2 falls from baseline to the nadir over this long, ms */
  readonly declineMs: number;
  /** SpO2 stays at the nadir this long, ms */
  readonly holdMs: number;
  /** SpO2 returns to baseline over this long, ms */
  readonly recoverMs: number;
  /** true SpO2 at the nadir, %: below the platform's first rule (SpO2 < 92%) and NEWS2's score-3 band (≤ 91%, RCP 2017) */
  readonly nadirSpo2: number;
  /** rise of heart rate at the nadir, /min */
  readonly heartRateRise: number;
  /** rise of respiratory rate at the nadir, /min */
  readonly respiratoryRateRise: number;
}

/**
 * Defaults for the demo: the first episode within a few minutes of the fleet's start, then one every 12 minutes.
 * Falling oxygen drives breathing and heart rate up (the hypoxic ventilatory response); the rises are illustrative.
 */
export const DEFAULT_DESATURATION: Omit<DesaturationOptions, 'anchorMs'> = {
  firstOnsetMs: [1 * MINUTE_MS, 5 * MINUTE_MS],
  cycleMs: 12 * MINUTE_MS,
  declineMs: 3 * MINUTE_MS,
  holdMs: 1.5 * MINUTE_MS,
  recoverMs: 2 * MINUTE_MS,
  nadirSpo2: 88,
  heartRateRise: 12,
  respiratoryRateRise: 5,
};

const smoothstep = (x: number): number => {
  const t = Math.max(0, Math.min(1, x));
  return t * t * (3 - 2 * t);
};

/** 0 outside an episode, rising to 1 at the nadir and back to 0. */
export function desaturationDepth(options: DesaturationOptions, onsetDelayMs: number, atMs: number): number {
  const { cycleMs, declineMs, holdMs, recoverMs } = options;
  const since = atMs - options.anchorMs - onsetDelayMs;
  // Before the anchor the modulo lands in the stable tail of a cycle as long as the episode is shorter than the
  // cycle minus the largest onset delay; desaturationScenario checks that.
  const p = ((since % cycleMs) + cycleMs) % cycleMs;
  if (p < declineMs) return smoothstep(p / declineMs);
  if (p < declineMs + holdMs) return 1;
  if (p < declineMs + holdMs + recoverMs) return 1 - smoothstep((p - declineMs - holdMs) / recoverMs);
  return 0;
}

const DESATURATION_KEY = hashString('desaturation');

/** Recurring episodes of falling SpO2 (with a compensating rise in heart and breathing rate), then recovery. */
export function desaturationScenario(options: DesaturationOptions): Scenario {
  const episodeMs = options.declineMs + options.holdMs + options.recoverMs;
  if (episodeMs + options.firstOnsetMs[1] > options.cycleMs) {
    throw new RangeError(
      `a desaturation episode (${episodeMs} ms) plus the largest onset delay must fit in its cycle (${options.cycleMs} ms)`,
    );
  }
  return (subject, atMs) => {
    const [min, max] = options.firstOnsetMs;
    const onsetDelayMs = min + (max - min) * hashUnit(subject.seed, DESATURATION_KEY);
    const depth = desaturationDepth(options, onsetDelayMs, atMs);
    if (depth === 0) return {};
    return {
      spo2: (options.nadirSpo2 - subject.baseline.spo2) * depth,
      heart_rate: options.heartRateRise * depth,
      respiratory_rate: options.respiratoryRateRise * depth,
    };
  };
}
