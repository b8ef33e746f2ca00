/** How an episode unfolds from its onset: rises to full effect, holds, then recovers. All durations in ms. */
export interface EpisodeShape {
  readonly riseMs: number;
  readonly holdMs: number;
  readonly recoverMs: number;
  /** 'linear' for a steady accumulation (fluid: kg per day); 'smooth' (smoothstep) for a physiological curve */
  readonly curve: 'linear' | 'smooth';
}

const smoothstep = (t: number): number => t * t * (3 - 2 * t);

/** The episode's level at an instant: 0 before the onset and after recovery, 1 at full effect. */
export function episodeLevel(shape: EpisodeShape, onsetMs: number, atMs: number): number {
  const since = atMs - onsetMs;
  if (since <= 0) return 0;
  const ease = shape.curve === 'linear' ? (t: number) => t : smoothstep;
  if (since < shape.riseMs) return ease(since / shape.riseMs);
  if (since < shape.riseMs + shape.holdMs) return 1;
  const recovering = since - shape.riseMs - shape.holdMs;
  if (recovering < shape.recoverMs) return 1 - ease(recovering / shape.recoverMs);
  return 0;
}

/** When the episode's effect has fully passed, epoch ms. */
export function episodeEndMs(shape: EpisodeShape, onsetMs: number): number {
  return onsetMs + shape.riseMs + shape.holdMs + shape.recoverMs;
}
