import { describe, expect, it } from 'vitest';
import { ConnectRateLimiter } from './connect-rate-limiter.ts';

describe('ConnectRateLimiter', () => {
  it('allows a burst, then the refill rate, per address', () => {
    let now = 0;
    const limiter = new ConnectRateLimiter(3, 1, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('10.0.0.1'))).toEqual([true, true, true, false]);
    expect(limiter.take('10.0.0.2')).toBe(true);
    now = 999;
    expect(limiter.take('10.0.0.1')).toBe(false);
    now = 1001;
    expect(limiter.take('10.0.0.1')).toBe(true);
    now = 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take('10.0.0.1'))).toEqual([true, true, true, false]);
  });
});
