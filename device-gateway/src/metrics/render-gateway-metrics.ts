import type { SpoolStats } from '../spool/spool.ts';
import type { GatewayMetrics } from './gateway-metrics.ts';
import { REJECTION_REASONS, type PrometheusText, type RejectionReason } from '@rpm/contracts';

export interface GatewayMetricsSnapshot {
  readonly metrics: GatewayMetrics;
  readonly spool: SpoolStats;
  readonly connectedDevices: number;
  readonly influxConsecutiveFailures: number;
  readonly now: number;
}

/** The gateway's metrics: ingest counters, rejections by reason, spool depth and age, InfluxDB writes. */
export function renderGatewayMetrics(out: PrometheusText, s: GatewayMetricsSnapshot): void {
  const m = s.metrics;
  out
    .single('rpm_gateway_messages_received_total', 'counter', 'Device messages received (readings topics)', m.messagesReceived)
    .single('rpm_gateway_messages_accepted_total', 'counter', 'Messages spooled and acknowledged', m.messagesAccepted)
    .single('rpm_gateway_messages_rejected_total', 'counter', 'Messages refused whole (quarantined and acknowledged)', m.messagesRejected)
    .single('rpm_gateway_duplicates_total', 'counter', 'Replayed messages (same device and seq) acknowledged and stored once', m.duplicates)
    .single(
      'rpm_gateway_not_acknowledged_total',
      'counter',
      'Messages not acknowledged because the spool was full or failed',
      m.notAcknowledged,
    )
    .single('rpm_gateway_readings_accepted_total', 'counter', 'Readings spooled', m.readingsAccepted)
    .single('rpm_gateway_status_messages_total', 'counter', 'Status messages received', m.statusMessages)
    .single('rpm_gateway_auth_failures_total', 'counter', 'Refused device connections', m.authFailures)
    .single(
      'rpm_gateway_connects_rate_limited_total',
      'counter',
      'Connections refused by the per-address rate limit',
      m.connectsRateLimited,
    )
    .single('rpm_gateway_connected_devices', 'gauge', 'Devices with an open connection', s.connectedDevices);

  out.family('rpm_gateway_rejections_total', 'counter', 'Refused messages and readings, by reason');
  for (const reason of Object.keys(REJECTION_REASONS) as RejectionReason[])
    out.sample('rpm_gateway_rejections_total', m.rejectedByReason.get(reason) ?? 0, { reason });

  out
    .single('rpm_spool_messages', 'gauge', 'Messages waiting in the spool for InfluxDB', s.spool.messages)
    .single('rpm_spool_readings', 'gauge', 'Readings waiting in the spool for InfluxDB', s.spool.readings)
    .single('rpm_spool_bytes', 'gauge', 'Bytes of spooled readings', s.spool.bytes)
    .single('rpm_spool_max_bytes', 'gauge', 'Size bound of the spool', s.spool.maxBytes)
    .single(
      'rpm_spool_oldest_age_seconds',
      'gauge',
      'Age of the oldest spooled message (0 when empty)',
      s.spool.oldestReceivedAt === undefined ? 0 : (s.now - s.spool.oldestReceivedAt) / 1000,
    )
    .single('rpm_spool_dead_letters_total', 'counter', 'Readings InfluxDB refused, set aside', s.spool.deadLetters)
    .single('rpm_influx_writes_total', 'counter', 'Successful InfluxDB write requests', m.influxWrites)
    .single('rpm_influx_write_failures_total', 'counter', 'Failed InfluxDB write requests', m.influxWriteFailures)
    .single('rpm_influx_points_written_total', 'counter', 'Points InfluxDB confirmed', m.influxPointsWritten)
    .single(
      'rpm_influx_consecutive_failures',
      'gauge',
      'Failed write attempts since the last success (0 = keeping up)',
      s.influxConsecutiveFailures,
    );

  const h = m.influxWriteLatency;
  out.family('rpm_influx_write_duration_seconds', 'histogram', 'InfluxDB write request latency');
  h.cumulative().forEach((count, i) =>
    out.sample('rpm_influx_write_duration_seconds_bucket', count, { le: String((h.bounds[i] ?? 0) / 1000) }),
  );
  out
    .sample('rpm_influx_write_duration_seconds_bucket', h.count, { le: '+Inf' })
    .sample('rpm_influx_write_duration_seconds_sum', h.sum / 1000)
    .sample('rpm_influx_write_duration_seconds_count', h.count);
}
