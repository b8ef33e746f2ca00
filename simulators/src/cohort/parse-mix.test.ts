import { describe, expect, it } from 'vitest';
import { parseMix, scenarioCounts } from './parse-mix.ts';

describe('parseMix', () => {
  it.each([
    { input: 'stable=0.6,infection=0.1', mix: { stable: 0.9, infection: 0.1 } },
    { input: 'infection=0.5, hypoglycaemia=0.5', mix: { infection: 0.5, hypoglycaemia: 0.5 } },
    { input: 'stable=1', mix: { stable: 1 } },
    { input: '', mix: { stable: 1 } },
  ])('$input', ({ input, mix }) => {
    const parsed = parseMix(input);
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      for (const [k, v] of Object.entries(mix) as [string, number][]) expect(parsed.mix[k as keyof typeof parsed.mix]).toBeCloseTo(v);
  });

  it.each([
    { input: 'flu=0.1', problem: /unknown scenario "flu"/ },
    { input: 'infection=2', problem: /0-1/ },
    { input: 'infection', problem: /0-1/ },
    { input: 'infection=0.1,infection=0.2', problem: /twice/ },
    { input: 'infection=0.7,rejection=0.6', problem: /more than 1/ },
  ])('refuses $input', ({ input, problem }) => {
    const parsed = parseMix(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.join('\n')).toMatch(problem);
  });
});

describe('scenarioCounts', () => {
  it.each([
    { mix: { stable: 0.6, infection: 0.1, rejection: 0.3 }, count: 10, counts: { stable: 6, infection: 1, rejection: 3 } },
    { mix: { stable: 0.5, infection: 0.5 }, count: 3, total: 3 },
    { mix: { stable: 0.95, low_battery: 0.05 }, count: 10, counts: { stable: 9, low_battery: 1 } },
    { mix: { stable: 0.97, low_battery: 0.01, clock_skew: 0.02 }, count: 4, counts: { stable: 3, low_battery: 0, clock_skew: 1 } },
    // built in code without the stable remainder: the rest is stable, every patient gets a plan
    { mix: { infection: 0.2, hypoglycaemia: 0.1 }, count: 10, counts: { stable: 7, infection: 2, hypoglycaemia: 1 } },
  ])('splits $count patients by $mix', ({ mix, count, counts, total }) => {
    const result = scenarioCounts(mix, count);
    expect([...result.values()].reduce((a, b) => a + b, 0)).toBe(total ?? count);
    if (counts !== undefined) expect(Object.fromEntries(result)).toEqual(counts);
  });
});
