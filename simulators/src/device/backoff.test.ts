import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.ts';

const options = { initialDelayMs: 1_000, maxDelayMs: 30_000 };

describe('backoffDelayMs', () => {
  it.each([
    { attempt: 0, min: 500, max: 1_000 },
    { attempt: 1, min: 1_000, max: 2_000 },
    { attempt: 3, min: 4_000, max: 8_000 },
    { attempt: 5, min: 15_000, max: 30_000 },
    { attempt: 50, min: 15_000, max: 30_000 },
  ])('attempt $attempt waits $min–$max ms', ({ attempt, min, max }) => {
    expect(backoffDelayMs(attempt, options, () => 0)).toBe(min);
    expect(backoffDelayMs(attempt, options, () => 0.999_999)).toBeLessThanOrEqual(max);
    expect(backoffDelayMs(attempt, options, () => 0.999_999)).toBeGreaterThan(max - 1);
  });

  it('spreads a fleet reconnecting at the same attempt', () => {
    const delays = new Set(Array.from({ length: 100 }, () => backoffDelayMs(4, options)));
    expect(delays.size).toBeGreaterThan(50);
  });
});
