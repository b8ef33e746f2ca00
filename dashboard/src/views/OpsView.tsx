import type { User } from '@rpm/contracts';
import { useEffect, useMemo } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import { PAGE_TITLE_ID } from '../app/route.ts';
import { useInterval } from '../app/use-interval.ts';
import { useResource } from '../app/use-resource.ts';
import { DeadLettersPanel, QuarantinePanel } from '../components/ops/OpsLists.tsx';
import { FleetPanels } from '../components/ops/FleetPanels.tsx';
import { clinicUtcOffset, formatClockTime } from '../format/date-time.ts';
import { useLocale } from '../i18n/locale-context.ts';
import { fleetStatus } from '../ops/fleet-status.ts';
import { parsePrometheus } from '../ops/parse-prometheus.ts';

/** issue #6: the fleet status is refreshed every 5 s */
export const OPS_REFRESH_MS = 5_000;

export interface OpsViewProps {
  readonly api: ApiClient;
  readonly user: User;
}

/**
 * Fleet and ingest health for admins and ops: /metrics, the quarantine and (admins only) dead letters. No patient
 * names or readings: dead letters are listed by device and InfluxDB's answer only.
 */
export function OpsView({ api, user }: OpsViewProps) {
  const { t, intlLocale } = useLocale();
  const metrics = useResource(async () => ({ text: await api.getMetricsText(), at: Date.now() }), 'metrics');
  const quarantine = useResource(() => api.listQuarantine(), 'quarantine');
  const isAdmin = user.role === 'admin';
  const deadLetters = useResource(() => (isAdmin ? api.listDeadLetters() : Promise.resolve([])), 'dead-letters');

  useInterval(() => {
    metrics.reload();
    quarantine.reload();
    if (isAdmin) deadLetters.reload();
  }, OPS_REFRESH_MS);

  useEffect(() => {
    document.title = `${t('ops.title')} — ${t('app.name')}`;
  }, [t]);

  const status = useMemo(() => (metrics.data === undefined ? undefined : fleetStatus(parsePrometheus(metrics.data.text))), [metrics.data]);

  return (
    <main class="queue ops">
      <div class="queue__header">
        <h1 class="queue__title" id={PAGE_TITLE_ID} tabIndex={-1}>
          {t('ops.title')}
        </h1>
        {metrics.data !== undefined && (
          <p class="queue__summary">{t('ops.updated', { time: formatClockTime(metrics.data.at, intlLocale) })}</p>
        )}
        <p class="queue__time-zone">{t('queue.timeZone', { offset: clinicUtcOffset(metrics.data?.at ?? Date.now(), intlLocale) })}</p>
      </div>
      <p class="panel__intro">{t('ops.intro')}</p>
      {metrics.errorCode !== undefined && (
        <p class="banner banner--warning" role="status">
          {t('ops.loadFailed', { code: metrics.errorCode })}
        </p>
      )}
      {status === undefined ? (
        metrics.errorCode === undefined && <p class="queue__loading">{t('common.loading')}</p>
      ) : (
        <FleetPanels status={status} />
      )}
      <QuarantinePanel quarantine={quarantine} />
      <DeadLettersPanel deadLetters={deadLetters} isAdmin={isAdmin} />
    </main>
  );
}
