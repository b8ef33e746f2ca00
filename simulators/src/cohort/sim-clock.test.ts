import { describe, expect, it } from 'vitest';
import { createSimClock } from './sim-clock.ts';

describe('createSimClock', () => {
  it('runs `speed` times real time from a past start and never passes real time', () => {
    let real = 1_000_000_000;
    const clock = createSimClock(real - 3_600_000, 60, () => real);
    expect(clock.now()).toBe(real - 3_600_000);
    real += 30_000; // 30 s real = 30 min simulated
    expect(clock.now()).toBe(real - 30_000 - 3_600_000 + 1_800_000);
    expect(clock.caughtUp()).toBe(false);
    real += 60_000; // would be 90 min simulated: capped at real time
    expect(clock.now()).toBe(real);
    expect(clock.caughtUp()).toBe(true);
    real += 10_000;
    expect(clock.now()).toBe(real);
  });

  it('treats a start in the future as now, and refuses a speed below 1', () => {
    const clock = createSimClock(5_000, 10, () => 1_000);
    expect(clock.startMs).toBe(1_000);
    expect(() => createSimClock(0, 0.5)).toThrow(/speed/);
  });
});
