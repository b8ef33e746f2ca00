/**
 * Slows and then locks password guessing, per account and per address (OWASP Authentication Cheat Sheet:
 * "account lockout" and throttling). After `freeFailures` consecutive failures a key must wait, doubling from
 * `baseDelayMs` to `maxDelayMs`; at `lockAfterFailures` it is locked for `lockMs`. A success clears the account's
 * count. Kept in memory: a multi-host deployment moves it to the shared store.
 */
export interface LoginThrottleOptions {
  readonly freeFailures: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly lockAfterFailures: number;
  readonly lockMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  freeFailures: 3,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  lockAfterFailures: 10,
  lockMs: 15 * 60 * 1000,
};

interface Entry {
  failures: number;
  /** no attempt is allowed before this time */
  blockedUntil: number;
  lastFailureAt: number;
}

export class LoginThrottle {
  private readonly options: LoginThrottleOptions;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();

  constructor(options: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE, now: () => number = Date.now) {
    this.options = options;
    this.now = now;
  }

  /** Milliseconds the caller must still wait before trying these keys (0 = may try now). */
  waitMs(keys: readonly string[]): number {
    const now = this.now();
    return Math.max(0, ...keys.map((k) => (this.entries.get(k)?.blockedUntil ?? 0) - now));
  }

  failed(keys: readonly string[]): void {
    const now = this.now();
    for (const key of keys) {
      const e = this.entries.get(key) ?? { failures: 0, blockedUntil: 0, lastFailureAt: 0 };
      // a quiet period as long as the lock forgives old failures
      if (now - e.lastFailureAt > this.options.lockMs) e.failures = 0;
      e.failures++;
      e.lastFailureAt = now;
      const over = e.failures - this.options.freeFailures;
      if (e.failures >= this.options.lockAfterFailures) e.blockedUntil = now + this.options.lockMs;
      else if (over > 0) e.blockedUntil = now + Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (over - 1));
      this.entries.set(key, e);
    }
    if (this.entries.size > 100_000) this.sweep(now);
  }

  succeeded(keys: readonly string[]): void {
    for (const key of keys) this.entries.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, e] of this.entries) if (e.blockedUntil < now && now - e.lastFailureAt > this.options.lockMs) this.entries.delete(key);
  }
}

export const accountKey = (username: string): string => `user:${username.toLowerCase()}`;
export const addressKey = (ip: string): string => `ip:${ip}`;
