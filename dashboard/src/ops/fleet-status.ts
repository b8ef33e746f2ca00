import { REJECTION_REASONS, type RejectionReason } from '@rpm/contracts';
import type { Sample } from './parse-prometheus.ts';

/**
 * What the operations page shows, read from the platform's /metrics (device-gateway render-gateway-metrics.ts,
 * server metrics-routes.ts). A metric the page expects but does not find is undefined, shown as "unknown".
 */
export interface FleetStatus {
  readonly connectedDevices: number | undefined;
  readonly dashboardSockets: number | undefined;
  readonly messagesReceived: number | undefined;
  readonly messagesAccepted: number | undefined;
  readonly messagesRejected: number | undefined;
  readonly duplicates: number | undefined;
  readonly notAcknowledged: number | undefined;
  readonly authFailures: number | undefined;
  /** refused messages and readings by reason code, only the reasons seen, most first */
  readonly rejectionsByReason: readonly { readonly reason: string; readonly count: number }[];
  readonly spoolMessages: number | undefined;
  readonly spoolBytes: number | undefined;
  readonly spoolMaxBytes: number | undefined;
  readonly spoolOldestAgeSeconds: number | undefined;
  readonly deadLetters: number | undefined;
  readonly influxWrites: number | undefined;
  readonly influxWriteFailures: number | undefined;
  readonly influxConsecutiveFailures: number | undefined;
  /** mean write latency, ms; undefined before the first write */
  readonly influxMeanLatencyMs: number | undefined;
  /** upper bound of the histogram bucket holding the 95th percentile, ms (Infinity: above every bucket) */
  readonly influxP95LatencyMs: number | undefined;
}

function single(samples: readonly Sample[], name: string): number | undefined {
  return samples.find((s) => s.name === name && Object.keys(s.labels).length === 0)?.value;
}

/** Bucket upper bound (ms) below which 95 % of the writes took. */
function p95(samples: readonly Sample[], count: number): number | undefined {
  if (count <= 0) return undefined;
  const buckets = samples
    .filter((s) => s.name === 'rpm_influx_write_duration_seconds_bucket' && s.labels['le'] !== undefined)
    .map((s) => ({ le: s.labels['le'] === '+Inf' ? Number.POSITIVE_INFINITY : Number(s.labels['le']), count: s.value }))
    .sort((a, b) => a.le - b.le);
  const bucket = buckets.find((b) => b.count >= 0.95 * count);
  return bucket === undefined ? undefined : bucket.le * 1000;
}

export function fleetStatus(samples: readonly Sample[]): FleetStatus {
  const writeCount = single(samples, 'rpm_influx_write_duration_seconds_count');
  const writeSum = single(samples, 'rpm_influx_write_duration_seconds_sum');
  const rejectionsByReason = samples
    .filter((s) => s.name === 'rpm_gateway_rejections_total' && s.value > 0)
    .map((s) => ({ reason: s.labels['reason'] ?? '', count: s.value }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return {
    connectedDevices: single(samples, 'rpm_gateway_connected_devices'),
    dashboardSockets: single(samples, 'rpm_realtime_sockets'),
    messagesReceived: single(samples, 'rpm_gateway_messages_received_total'),
    messagesAccepted: single(samples, 'rpm_gateway_messages_accepted_total'),
    messagesRejected: single(samples, 'rpm_gateway_messages_rejected_total'),
    duplicates: single(samples, 'rpm_gateway_duplicates_total'),
    notAcknowledged: single(samples, 'rpm_gateway_not_acknowledged_total'),
    authFailures: single(samples, 'rpm_gateway_auth_failures_total'),
    rejectionsByReason,
    spoolMessages: single(samples, 'rpm_spool_messages'),
    spoolBytes: single(samples, 'rpm_spool_bytes'),
    spoolMaxBytes: single(samples, 'rpm_spool_max_bytes'),
    spoolOldestAgeSeconds: single(samples, 'rpm_spool_oldest_age_seconds'),
    deadLetters: single(samples, 'rpm_spool_dead_letters_total'),
    influxWrites: single(samples, 'rpm_influx_writes_total'),
    influxWriteFailures: single(samples, 'rpm_influx_write_failures_total'),
    influxConsecutiveFailures: single(samples, 'rpm_influx_consecutive_failures'),
    influxMeanLatencyMs:
      writeCount === undefined || writeSum === undefined || writeCount === 0 ? undefined : (writeSum / writeCount) * 1000,
    influxP95LatencyMs: writeCount === undefined ? undefined : p95(samples, writeCount),
  };
}

/** A reason code this dashboard has a translation for (a newer gateway may send others: they are shown as sent). */
export function isRejectionReason(reason: string): reason is RejectionReason {
  return Object.hasOwn(REJECTION_REASONS, reason);
}
