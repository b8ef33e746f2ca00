import type { RejectionReason } from '@rpm/contracts';
import { LatencyHistogram } from './latency-histogram.ts';

/** Counters of the ingest path. Plain numbers: cheap on the hot path, read by /metrics and the ops view. */
export class GatewayMetrics {
  messagesReceived = 0;
  messagesAccepted = 0;
  messagesRejected = 0;
  /** replays of a (device, seq) already stored: acknowledged, stored once */
  duplicates = 0;
  readingsAccepted = 0;
  readingsRejected = 0;
  statusMessages = 0;
  authFailures = 0;
  connectsRateLimited = 0;
  /** messages not acknowledged because the spool was full or failed */
  notAcknowledged = 0;
  influxWrites = 0;
  influxWriteFailures = 0;
  influxPointsWritten = 0;
  deadLetters = 0;
  readonly influxWriteLatency = new LatencyHistogram();
  readonly rejectedByReason = new Map<RejectionReason, number>();

  countRejection(reason: RejectionReason, n = 1): void {
    this.rejectedByReason.set(reason, (this.rejectedByReason.get(reason) ?? 0) + n);
  }

  observeInfluxLatency(ms: number): void {
    this.influxWriteLatency.observe(ms);
  }
}
