import type { AcceptedReading } from '@rpm/contracts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { ReadingStore } from './reading-store.ts';

interface Pending {
  readonly readings: readonly AcceptedReading[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export interface BatchingOptions {
  readonly batchLines: number;
  readonly flushIntervalMs: number;
  readonly maxInFlight: number;
}

/**
 * Group commit for InfluxDB: readings of many messages share one write request, and each message's promise
 * settles when the request that carried it is confirmed (or fails, so the caller withholds the PUBACK).
 */
export class BatchingWriter {
  private readonly store: ReadingStore;
  private readonly options: BatchingOptions;
  private readonly metrics: GatewayMetrics;
  private queue: Pending[] = [];
  private queuedLines = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(store: ReadingStore, options: BatchingOptions, metrics: GatewayMetrics) {
    this.store = store;
    this.options = options;
    this.metrics = metrics;
  }

  write(readings: readonly AcceptedReading[]): Promise<void> {
    if (readings.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ readings, resolve, reject });
      this.queuedLines += readings.length;
      if (this.queuedLines >= this.options.batchLines) this.flush();
      else
        this.timer ??= setTimeout(() => {
          this.timer = undefined;
          this.flush();
        }, this.options.flushIntervalMs);
    });
  }

  /** Resolves once everything queued so far has been written or has failed. */
  async drain(): Promise<void> {
    this.flush();
    if (this.inFlight === 0 && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private flush(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      if (this.timer !== undefined) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
      const batch: Pending[] = [];
      let lines = 0;
      while (this.queue.length > 0 && lines < this.options.batchLines) {
        const next = this.queue.shift();
        if (next === undefined) break;
        batch.push(next);
        lines += next.readings.length;
      }
      this.queuedLines -= lines;
      void this.send(batch);
    }
  }

  private async send(batch: readonly Pending[]): Promise<void> {
    this.inFlight++;
    const started = performance.now();
    const readings = batch.length === 1 ? (batch[0]?.readings ?? []) : batch.flatMap((p) => p.readings);
    try {
      await this.store.write(readings);
      this.metrics.influxWrites++;
      this.metrics.influxWriteLatencyMsTotal += performance.now() - started;
      for (const p of batch) p.resolve();
    } catch (error) {
      this.metrics.influxWriteFailures++;
      for (const p of batch) p.reject(error);
    } finally {
      this.inFlight--;
      this.flush();
      if (this.inFlight === 0 && this.queue.length === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
  }
}
