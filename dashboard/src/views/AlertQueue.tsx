import { useEffect, useState } from 'preact/hooks';
import { PAGE_TITLE_ID } from '../app/route.ts';
import type { AlertQueueModel } from '../alerts/use-alert-queue.ts';
import { AlertRow } from '../components/AlertRow.tsx';
import { ConflictNoticeBanner } from '../components/ConflictNoticeBanner.tsx';
import { EmptyQueue } from '../components/EmptyQueue.tsx';
import { clinicUtcOffset } from '../format/date-time.ts';
import { useLocale } from '../i18n/locale-context.ts';

export interface AlertQueueProps {
  readonly queue: AlertQueueModel;
  /** the clock for data ages, refreshed by the parent */
  readonly now: number;
  readonly currentUserId: string;
}

export function AlertQueue({ queue, now, currentUserId }: AlertQueueProps) {
  const { t, intlLocale } = useLocale();
  const open = queue.alerts.filter((alert) => alert.status === 'open').length;
  const acknowledged = queue.alerts.length - open;
  const [dismissedNotice, setDismissedNotice] = useState<number>();
  const notice = queue.removedByOthers?.serial === dismissedNotice ? undefined : queue.removedByOthers;

  useEffect(() => {
    document.title = open > 0 ? `(${open}) ${t('queue.title')}` : t('queue.title');
  }, [open, t]);

  return (
    <main class="queue">
      <div class="queue__header">
        <h1 class="queue__title" id={PAGE_TITLE_ID} tabIndex={-1}>
          {t('queue.title')}
        </h1>
        {queue.loaded && <p class="queue__summary">{t('queue.summary', { open, acknowledged })}</p>}
        <p class="queue__time-zone">{t('queue.timeZone', { offset: clinicUtcOffset(now, intlLocale) })}</p>
      </div>
      {queue.forbidden && <p class="banner banner--error">{t('queue.forbidden')}</p>}
      {queue.loadFailed && (
        <p class="banner banner--warning" role="status">
          {t('queue.loadFailed')}
        </p>
      )}
      <ConflictNoticeBanner notice={notice} onDismiss={() => setDismissedNotice(queue.removedByOthers?.serial)} />
      {queue.invalid > 0 && <p class="banner banner--error">{t('queue.invalid', { invalid: queue.invalid })}</p>}
      {!queue.loaded ? (
        !queue.forbidden && <p class="queue__loading">{t('queue.loading')}</p>
      ) : queue.alerts.length === 0 ? (
        <EmptyQueue connection={queue.connection} syncedAt={queue.syncedAt} />
      ) : (
        <ul class="queue__list" aria-labelledby={PAGE_TITLE_ID}>
          {queue.alerts.map((alert) => (
            <AlertRow key={alert.id} alert={alert} now={now} currentUserId={currentUserId} actions={queue} />
          ))}
        </ul>
      )}
    </main>
  );
}
