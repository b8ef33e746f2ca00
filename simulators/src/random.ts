/**
 * Deterministic randomness. Two kinds:
 * - `mulberry32(seed)`: a sequential PRNG, for choices made once (a patient's baseline, a fleet's profiles).
 * - `hashUnit(...keys)`: a stateless hash of integer keys to [0, 1), for noise that must be a pure function of
 *   (patient, vital, time), so a value does not depend on how often or in which order it was sampled. The later
 *   evaluation work can then recompute ground truth for any instant.
 */

/** mulberry32 (Tommy Ettinger, public domain): 32-bit state, fast, good enough for simulation. Returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_32 = 4294967296;

/** A stateless hash of integer keys (each may use up to 53 bits, e.g. epoch milliseconds) to [0, 1). */
export function hashUnit(...keys: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const key of keys) {
    // Keys above 32 bits (epoch ms) are fed as two words so nearby instants do not collide.
    h = fmix32((h ^ (key >>> 0)) + 0x7f4a7c15);
    h = fmix32((h ^ (Math.floor(key / TWO_32) >>> 0)) + 0x165667b1);
  }
  return h / TWO_32;
}

/** FNV-1a of a string, to turn a label into a hash key. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seed for an independent stream derived from a parent seed and a label or index. */
export function deriveSeed(seed: number, label: string | number): number {
  return Math.floor(hashUnit(seed, typeof label === 'number' ? label : hashString(label)) * TWO_32);
}

/** Standard normal from two uniforms (Box–Muller), truncated at ±`limit` so one draw cannot produce an outlier. */
export function standardNormal(u1: number, u2: number, limit = 3): number {
  // 1 - u1 lies in (0, 1], so the logarithm is finite.
  const z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  return Math.max(-limit, Math.min(limit, z));
}

/** A truncated standard normal that is a pure function of its keys. */
export function hashNormal(...keys: readonly number[]): number {
  return standardNormal(hashUnit(...keys, 1), hashUnit(...keys, 2));
}

/** Uniform in [min, max). */
export function uniform(rng: () => number, min: number, max: number): number {
  return min + (max - min) * rng();
}

/**
 * Smooth random variation over time ("value noise"): independent normal knots every `periodMs`, joined by a
 * smoothstep, so a vital wanders slowly instead of jumping at every sample.
 */
export function smoothNoise(keys: readonly number[], atMs: number, periodMs: number): number {
  const position = atMs / periodMs;
  const knot = Math.floor(position);
  const f = position - knot;
  const s = f * f * (3 - 2 * f);
  const a = hashNormal(...keys, knot);
  const b = hashNormal(...keys, knot + 1);
  return a + (b - a) * s;
}
