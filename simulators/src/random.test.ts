import { describe, expect, it } from 'vitest';
import { deriveSeed, hashNormal, hashUnit, mulberry32, smoothNoise, standardNormal } from './random.ts';

describe('mulberry32', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
  });

  it('stays in [0, 1) with a mean near 0.5', () => {
    const rng = mulberry32(123);
    const values = Array.from({ length: 10_000 }, () => rng());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((s, v) => s + v, 0) / values.length).toBeCloseTo(0.5, 1);
  });
});

describe('hashUnit', () => {
  it('is a pure function of its keys, including keys above 32 bits', () => {
    const t = 1_740_000_000_000;
    expect(hashUnit(1, 2, t)).toBe(hashUnit(1, 2, t));
    expect(hashUnit(1, 2, t)).not.toBe(hashUnit(1, 2, t + 2 ** 32));
    expect(hashUnit(1, 2, t)).not.toBe(hashUnit(2, 1, t));
  });

  it('spreads consecutive instants evenly', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => hashUnit(5, 1_740_000_000_000 + i * 5000));
    const buckets = new Array<number>(10).fill(0);
    for (const v of values) buckets[Math.floor(v * 10)]! += 1;
    for (const count of buckets) expect(count).toBeGreaterThan(850);
  });
});

describe('normal noise', () => {
  it('is truncated at ±3', () => {
    expect(standardNormal(1 - 1e-12, 0)).toBe(3);
    expect(standardNormal(1 - 1e-12, 0.5)).toBe(-3);
  });

  it('has mean ≈ 0 and SD ≈ 1', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => hashNormal(9, i));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(sd).toBeGreaterThan(0.95);
    expect(sd).toBeLessThan(1.03);
  });

  it('smooth noise changes little between nearby instants', () => {
    const period = 600_000;
    for (let t = 0; t < 10 * period; t += 5_000) {
      expect(Math.abs(smoothNoise([1], t + 5_000, period) - smoothNoise([1], t, period))).toBeLessThan(0.1);
    }
  });
});

describe('deriveSeed', () => {
  it('gives different, stable seeds per label', () => {
    expect(deriveSeed(1, 0)).toBe(deriveSeed(1, 0));
    expect(new Set([deriveSeed(1, 0), deriveSeed(1, 1), deriveSeed(2, 0), deriveSeed(1, 'profiles')]).size).toBe(4);
  });
});
