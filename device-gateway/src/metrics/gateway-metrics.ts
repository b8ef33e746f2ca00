import type { RejectionReason } from '@rpm/contracts';

/** Counters of the ingest path. Plain numbers: cheap on the hot path, read by /metrics and the ops view. */
export class GatewayMetrics {
  messagesReceived = 0;
  messagesAccepted = 0;
  readingsAccepted = 0;
  readingsRejected = 0;
  messagesRejected = 0;
  statusMessages = 0;
  authFailures = 0;
  influxWrites = 0;
  influxWriteFailures = 0;
  influxWriteLatencyMsTotal = 0;
  readonly rejectedByReason = new Map<RejectionReason, number>();

  countRejection(reason: RejectionReason, n = 1): void {
    this.rejectedByReason.set(reason, (this.rejectedByReason.get(reason) ?? 0) + n);
  }
}
