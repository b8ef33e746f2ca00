/**
 * Token bucket per remote address: `burst` connects at once, refilled at `perSecond`. Bounds both password
 * guessing and reconnect storms from one address. Buckets of idle addresses are dropped to bound memory.
 */
export class ConnectRateLimiter {
  private readonly burst: number;
  private readonly perSecond: number;
  private readonly now: () => number;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(burst: number, perSecond: number, now: () => number = Date.now) {
    this.burst = burst;
    this.perSecond = perSecond;
    this.now = now;
  }

  /** true when a connect from `address` may proceed now */
  take(address: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(address) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(address, bucket);
    if (this.buckets.size > 100_000) this.sweep(now);
    return allowed;
  }

  private sweep(now: number): void {
    const fullAfterMs = (this.burst / this.perSecond) * 1000;
    for (const [address, b] of this.buckets) if (now - b.at > fullAfterMs) this.buckets.delete(address);
  }
}
