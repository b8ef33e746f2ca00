import type { User } from '@rpm/contracts';
import { useEffect } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import { describeAlertRule } from '../alerts/describe-alert-rule.ts';
import { useAlertQueue } from '../alerts/use-alert-queue.ts';
import { useNow } from '../app/use-now.ts';
import { AlertRow } from '../components/AlertRow.tsx';
import { AppHeader } from '../components/AppHeader.tsx';
import { EmptyQueue } from '../components/EmptyQueue.tsx';
import { clinicUtcOffset } from '../format/date-time.ts';
import type { Language } from '../i18n/languages.ts';
import { useLocale } from '../i18n/locale-context.ts';
import type { SessionEndReason } from '../session/session.ts';

/** Data ages ("12 min ago") are refreshed this often. */
const CLOCK_TICK_MS = 15_000;

export interface AlertQueueProps {
  readonly api: ApiClient;
  readonly token: string;
  readonly user: User;
  readonly language: Language;
  readonly onLanguageChange: (language: Language) => void;
  readonly onSignOut: () => void;
  readonly onSessionEnded: (reason: SessionEndReason) => void;
}

export function AlertQueue({ api, token, user, language, onLanguageChange, onSignOut, onSessionEnded }: AlertQueueProps) {
  const locale = useLocale();
  const { t, intlLocale } = locale;
  const queue = useAlertQueue(api, token, onSessionEnded);
  const now = useNow(CLOCK_TICK_MS);
  const open = queue.alerts.filter((alert) => alert.status === 'open').length;
  const acknowledged = queue.alerts.length - open;

  useEffect(() => {
    document.title = open > 0 ? `(${open}) ${t('queue.title')}` : t('queue.title');
  }, [open, t]);

  const raised = queue.lastRaised;
  const announcement =
    raised === undefined
      ? ''
      : t('queue.announce', {
          priority: t(`priority.${raised.priority}`),
          patient: raised.patientName,
          rule: describeAlertRule(raised, locale),
        });

  return (
    <div class="app">
      <AppHeader user={user} connection={queue.connection} language={language} onLanguageChange={onLanguageChange} onSignOut={onSignOut} />
      {queue.connection === 'reconnecting' && (
        <p class="banner banner--warning banner--page" role="status">
          {t('connection.reconnectingDetail')}
        </p>
      )}
      <main class="queue">
        <div class="queue__header">
          <h1 class="queue__title" id="queue-title">
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
        {queue.invalid > 0 && <p class="banner banner--error">{t('queue.invalid', { invalid: queue.invalid })}</p>}
        {!queue.loaded ? (
          !queue.forbidden && <p class="queue__loading">{t('queue.loading')}</p>
        ) : queue.alerts.length === 0 ? (
          <EmptyQueue connection={queue.connection} syncedAt={queue.syncedAt} />
        ) : (
          <ul class="queue__list" aria-labelledby="queue-title">
            {queue.alerts.map((alert) => (
              <AlertRow key={alert.id} alert={alert} now={now} currentUserId={user.id} onAcknowledge={queue.acknowledge} />
            ))}
          </ul>
        )}
        <p class="visually-hidden" aria-live="polite">
          {announcement}
        </p>
      </main>
    </div>
  );
}
