import type { VitalBucket, VitalStats } from '@rpm/contracts';

export type SummarisedField = 'value' | 'systolic' | 'diastolic';

/**
 * Downsamples raw rows `[time, ...fields]` (epoch ms, oldest first) into buckets of `widthMs` aligned to the epoch, as
 * InfluxQL's `count(first), mean, min, max … GROUP BY time() fill(none)` does: the same buckets, counts, min and max;
 * the mean can differ in the last bits when several devices share a bucket (InfluxDB sums them in series order, this
 * in time order). A bucket without a value of the first field is left out.
 */
export function bucketPoints(rows: readonly (readonly unknown[])[], fields: readonly SummarisedField[], widthMs: number): VitalBucket[] {
  const buckets: VitalBucket[] = [];
  let start = Number.NaN;
  let count = 0;
  let acc: Accumulator[] = [];
  const flush = (): void => {
    if (count === 0) return;
    const bucket: VitalBucket = { start: new Date(start).toISOString(), count };
    fields.forEach((field, i) => {
      const stats = acc[i]?.stats();
      if (stats !== undefined) bucket[field] = stats;
    });
    buckets.push(bucket);
  };
  for (const row of rows) {
    const time = row[0];
    if (typeof time !== 'number') continue;
    const bucketStart = Math.floor(time / widthMs) * widthMs;
    if (bucketStart !== start) {
      flush();
      start = bucketStart;
      count = 0;
      acc = fields.map(() => new Accumulator());
    }
    if (typeof row[1] === 'number') count++;
    fields.forEach((_, i) => {
      const value = row[i + 1];
      if (typeof value === 'number') acc[i]?.add(value);
    });
  }
  flush();
  return buckets;
}

class Accumulator {
  private n = 0;
  private sum = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;

  add(value: number): void {
    this.n++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  stats(): VitalStats | undefined {
    return this.n === 0 ? undefined : { mean: this.sum / this.n, min: this.min, max: this.max };
  }
}
