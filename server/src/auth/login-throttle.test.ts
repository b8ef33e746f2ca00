import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.ts';

describe('LoginThrottle', () => {
  const options = { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 8000, lockAfterFailures: 8, lockMs: 900_000 };

  it('lets the first failures through, then doubles the wait, then locks', () => {
    let now = 0;
    const t = new LoginThrottle(options, () => now);
    const k = ['user:a'];
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      t.failed(k);
      waits.push(t.waitMs(k));
      now += t.waitMs(k);
    }
    expect(waits).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 900_000]);
  });

  it('clears the account on success and keeps keys apart', () => {
    let now = 0;
    const t = new LoginThrottle(options, () => now);
    for (let i = 0; i < 5; i++) t.failed(['user:a', 'ip:1']);
    expect(t.waitMs(['user:a'])).toBeGreaterThan(0);
    expect(t.waitMs(['user:b'])).toBe(0);
    now += 10_000;
    t.succeeded(['user:a']);
    expect(t.waitMs(['user:a'])).toBe(0);
  });

  it('forgives failures after a quiet period as long as the lock', () => {
    let now = 0;
    const t = new LoginThrottle(options, () => now);
    for (let i = 0; i < 3; i++) t.failed(['user:a']);
    now += 1_000_000;
    t.failed(['user:a']);
    expect(t.waitMs(['user:a'])).toBe(0);
  });
});
