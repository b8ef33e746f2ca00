/** A Prometheus-style cumulative histogram with fixed bucket bounds (ms). */
export class LatencyHistogram {
  readonly bounds: readonly number[];
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(bounds: readonly number[] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000]) {
    this.bounds = bounds;
    this.counts = bounds.map(() => 0);
  }

  observe(ms: number): void {
    this.sum += ms;
    this.count++;
    for (let i = 0; i < this.bounds.length; i++) {
      if (ms <= (this.bounds[i] ?? Infinity)) {
        this.counts[i] = (this.counts[i] ?? 0) + 1;
        return;
      }
    }
  }

  /** cumulative counts per bound, as Prometheus expects */
  cumulative(): number[] {
    let running = 0;
    return this.counts.map((c) => (running += c));
  }
}
