import { describe, expect, it } from 'vitest';
import { fleetStatus } from './fleet-status.ts';
import { parsePrometheus } from './parse-prometheus.ts';

/** Shaped like the platform's /metrics (PrometheusText in contracts). */
const PAGE = `# HELP rpm_gateway_messages_received_total Device messages received (readings topics)
# TYPE rpm_gateway_messages_received_total counter
rpm_gateway_messages_received_total 12
rpm_gateway_messages_accepted_total 10
rpm_gateway_messages_rejected_total 2
rpm_gateway_connected_devices 3
# TYPE rpm_gateway_rejections_total counter
rpm_gateway_rejections_total{reason="PAYLOAD_NOT_JSON"} 1
rpm_gateway_rejections_total{reason="TOPIC_INVALID"} 0
rpm_gateway_rejections_total{reason="VALUE_OUT_OF_RANGE"} 4
rpm_spool_messages 5
rpm_spool_oldest_age_seconds 1.5
rpm_influx_write_failures_total 0
rpm_influx_write_duration_seconds_bucket{le="0.005"} 2
rpm_influx_write_duration_seconds_bucket{le="0.05"} 9
rpm_influx_write_duration_seconds_bucket{le="0.5"} 10
rpm_influx_write_duration_seconds_bucket{le="+Inf"} 10
rpm_influx_write_duration_seconds_sum 0.2
rpm_influx_write_duration_seconds_count 10
rpm_alerts_raised_total{priority="high"} 1
`;

describe('parsePrometheus', () => {
  it.each([
    { line: 'a_total 3', sample: { name: 'a_total', labels: {}, value: 3 } },
    { line: 'b{le="+Inf"} 7', sample: { name: 'b', labels: { le: '+Inf' }, value: 7 } },
    { line: 'c{x="a\\"b",y="z"} 1.5 1700000000000', sample: { name: 'c', labels: { x: 'a"b', y: 'z' }, value: 1.5 } },
    { line: 'd +Inf', sample: { name: 'd', labels: {}, value: Number.POSITIVE_INFINITY } },
  ])('$line', ({ line, sample }) => {
    expect(parsePrometheus(line)).toEqual([sample]);
  });

  it('skips comments, blank lines and garbage', () => {
    expect(parsePrometheus('# HELP x y\n\n{not a sample} 1\n')).toEqual([]);
  });
});

describe('fleetStatus', () => {
  const status = fleetStatus(parsePrometheus(PAGE));

  it('reads the gauges and counters', () => {
    expect(status).toMatchObject({
      connectedDevices: 3,
      messagesReceived: 12,
      messagesAccepted: 10,
      messagesRejected: 2,
      spoolMessages: 5,
      spoolOldestAgeSeconds: 1.5,
      influxWriteFailures: 0,
    });
  });

  it('lists only the rejection reasons seen, most first', () => {
    expect(status.rejectionsByReason).toEqual([
      { reason: 'VALUE_OUT_OF_RANGE', count: 4 },
      { reason: 'PAYLOAD_NOT_JSON', count: 1 },
    ]);
  });

  it('derives the mean and 95th-percentile write latency from the histogram', () => {
    expect(status.influxMeanLatencyMs).toBeCloseTo(20);
    expect(status.influxP95LatencyMs).toBe(500);
  });

  it('a metric that is not there is undefined, not zero', () => {
    expect(fleetStatus([]).connectedDevices).toBeUndefined();
    expect(fleetStatus([]).influxMeanLatencyMs).toBeUndefined();
  });
});
