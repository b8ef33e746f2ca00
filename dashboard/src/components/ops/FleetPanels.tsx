import { formatDuration } from '../../format/duration.ts';
import { formatNumber } from '../../format/number.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { isRejectionReason, type FleetStatus } from '../../ops/fleet-status.ts';
import { Panel } from '../patient/Panel.tsx';

const MINUTE_S = 60;

interface Stat {
  readonly label: string;
  readonly value: string;
  /** draws the figure as a warning (spool backlog, failed writes) */
  readonly warn?: boolean;
  readonly testId?: string;
}

function Stats({ stats }: { stats: readonly Stat[] }) {
  return (
    <dl class="ops-stats">
      {stats.map((stat) => (
        <div key={stat.label} class={`ops-stat${stat.warn === true ? ' ops-stat--warn' : ''}`}>
          <dt>{stat.label}</dt>
          <dd data-testid={stat.testId}>{stat.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The gauges and counters of /metrics, by part of the data path: devices, ingest, spool, InfluxDB. */
export function FleetPanels({ status: s }: { status: FleetStatus }) {
  const { t, numberLocale } = useLocale();
  const count = (n: number | undefined): string => (n === undefined ? t('ops.unknown') : formatNumber(n, 0, numberLocale));
  const ms = (n: number | undefined): string =>
    n === undefined
      ? t('ops.none')
      : n === Number.POSITIVE_INFINITY
        ? t('ops.overMax')
        : t('ops.ms', { n: formatNumber(n, 0, numberLocale) });
  const age = (seconds: number | undefined): string => {
    if (seconds === undefined) return t('ops.unknown');
    if (seconds === 0) return t('ops.none');
    return seconds < MINUTE_S ? t('ops.seconds', { n: formatNumber(seconds, 0, numberLocale) }) : formatDuration(seconds * 1000, t);
  };
  const spoolShare =
    s.spoolBytes === undefined || s.spoolMaxBytes === undefined || s.spoolMaxBytes === 0
      ? t('ops.unknown')
      : t('ops.percent', { n: formatNumber((100 * s.spoolBytes) / s.spoolMaxBytes, 1, numberLocale) });

  return (
    <div class="ops__grid">
      <Panel id="ops-fleet" title={t('ops.fleet')}>
        <Stats
          stats={[
            { label: t('ops.connectedDevices'), value: count(s.connectedDevices), testId: 'connected-devices' },
            { label: t('ops.dashboardSockets'), value: count(s.dashboardSockets) },
            { label: t('ops.authFailures'), value: count(s.authFailures) },
          ]}
        />
      </Panel>
      <Panel id="ops-ingest" title={t('ops.ingest')}>
        <Stats
          stats={[
            { label: t('ops.received'), value: count(s.messagesReceived) },
            { label: t('ops.accepted'), value: count(s.messagesAccepted) },
            { label: t('ops.rejected'), value: count(s.messagesRejected), testId: 'messages-rejected' },
            { label: t('ops.duplicates'), value: count(s.duplicates) },
            { label: t('ops.notAcknowledged'), value: count(s.notAcknowledged), warn: (s.notAcknowledged ?? 0) > 0 },
          ]}
        />
      </Panel>
      <Panel id="ops-spool" title={t('ops.spool')}>
        <Stats
          stats={[
            { label: t('ops.spoolMessages'), value: count(s.spoolMessages), warn: (s.spoolMessages ?? 0) > 0 },
            { label: t('ops.spoolOldest'), value: age(s.spoolOldestAgeSeconds), warn: (s.spoolOldestAgeSeconds ?? 0) >= MINUTE_S },
            { label: t('ops.spoolFull'), value: spoolShare },
            { label: t('ops.deadLetters'), value: count(s.deadLetters), warn: (s.deadLetters ?? 0) > 0 },
          ]}
        />
      </Panel>
      <Panel id="ops-influx" title={t('ops.influx')}>
        <Stats
          stats={[
            { label: t('ops.writes'), value: count(s.influxWrites) },
            { label: t('ops.writeFailures'), value: count(s.influxWriteFailures), warn: (s.influxWriteFailures ?? 0) > 0 },
            {
              label: t('ops.consecutiveFailures'),
              value: count(s.influxConsecutiveFailures),
              warn: (s.influxConsecutiveFailures ?? 0) > 0,
            },
            { label: t('ops.meanLatency'), value: ms(s.influxMeanLatencyMs) },
            { label: t('ops.p95Latency'), value: ms(s.influxP95LatencyMs) },
          ]}
        />
      </Panel>
      <Panel id="ops-rejections" title={t('ops.rejections')} class="ops__wide">
        {s.rejectionsByReason.length === 0 ? (
          <p class="panel__empty">{t('ops.noRejections')}</p>
        ) : (
          <div class="table-scroll">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('ops.reason')}</th>
                  <th scope="col" class="table__number">
                    {t('ops.count')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.rejectionsByReason.map((row) => (
                  <tr key={row.reason}>
                    <th scope="row">
                      {isRejectionReason(row.reason) ? t(`rejectionReasons.${row.reason}`) : row.reason}
                      <span class="table__sub ops__code">{row.reason}</span>
                    </th>
                    <td class="table__number">{count(row.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </div>
  );
}
