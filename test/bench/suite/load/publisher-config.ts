/** What the publisher process is told to do (written as JSON to a file, its one argument). */
export interface PublisherConfig {
  readonly host: string;
  readonly port: number;
  /** one MQTT connection per device; `secret` absent = anonymous (the mosquitto baseline) */
  readonly devices: readonly { readonly id: string; readonly secret?: string; readonly startSeq: number }[];
  /** QoS 1 messages in flight per device: a real device waits for PUBACKs, so this bounds what it has outstanding */
  readonly window: number;
  /** how long to publish, ms; the first `warmupMs` are not measured */
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly readingsPerMessage: number;
  /** measurement time of reading j of message seq: firstAtMs + (seq × readingsPerMessage + j) × spacingMs */
  readonly firstAtMs: number;
  readonly spacingMs: number;
  /** total messages/s over all devices (open loop, still bounded by the window); absent = as fast as PUBACKs allow */
  readonly ratePerSec?: number;
  /** connections opened per second at the start */
  readonly connectsPerSec: number;
  /** after publishing, how long to wait for the last PUBACKs, ms */
  readonly settleTimeoutMs: number;
}

export interface PublisherDeviceResult {
  readonly id: string;
  readonly startSeq: number;
  /** seqs [startSeq, nextSeq) were published */
  readonly nextSeq: number;
  /** published seqs without a PUBACK at the end (in flight when a connection closed, or not acknowledged in time) */
  readonly unacked: readonly number[];
}

export interface PublisherResult {
  readonly devices: readonly PublisherDeviceResult[];
  /** epoch ms when publishing started (all devices connected) */
  readonly startedAt: number;
  readonly acked: number;
  /** PUBACKs received in the measured window (after warm-up, before the end of publishing) */
  readonly ackedInWindow: number;
  readonly windowMs: number;
  /** CPU the publisher process used in the measured window, ms (user + system) */
  readonly cpuMsInWindow: number;
  /** connections the broker closed while publishing */
  readonly disconnects: number;
}

/** Lines the publisher writes to stdout: events while it runs, then the result. */
export type PublisherLine =
  { readonly event: 'started'; readonly at: number } | { readonly event: 'result'; readonly result: PublisherResult };
