import type { Alert } from '@rpm/contracts';
import { useState } from 'preact/hooks';
import { describeAlertRule } from '../alerts/describe-alert-rule.ts';
import { isBackfilled, uploadDelayMs } from '../alerts/is-backfilled.ts';
import { formatDataAge } from '../format/data-age.ts';
import { formatDateTime } from '../format/date-time.ts';
import { formatDuration } from '../format/duration.ts';
import { useLocale } from '../i18n/locale-context.ts';
import { PriorityBadge } from './PriorityBadge.tsx';

export interface AlertRowProps {
  readonly alert: Alert;
  /** the clock for data age, refreshed by the parent */
  readonly now: number;
  readonly currentUserId: string;
  readonly onAcknowledge: (alertId: string) => Promise<void>;
}

export function AlertRow({ alert, now, currentUserId, onAcknowledge }: AlertRowProps) {
  const locale = useLocale();
  const { t, intlLocale } = locale;
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  const titleId = `alert-${alert.id}`;
  const backfilled = isBackfilled(alert);

  async function acknowledge(): Promise<void> {
    setPending(true);
    setFailed(false);
    try {
      await onAcknowledge(alert.id);
    } catch {
      setFailed(true);
    } finally {
      setPending(false);
    }
  }

  return (
    <li class={`alert alert--${alert.priority} alert--${alert.status}`}>
      <article class="alert__body" aria-labelledby={titleId}>
        <div class="alert__priority">
          <PriorityBadge priority={alert.priority} />
        </div>
        <div class="alert__main">
          <h2 class="alert__patient" id={titleId}>
            {alert.patientName}
          </h2>
          <p class="alert__rule">{describeAlertRule(alert, locale)}</p>
        </div>
        <dl class="alert__facts">
          <div class="fact fact--measured">
            <dt>{t('alert.measured')}</dt>
            <dd>
              <time dateTime={alert.measuredAt}>{formatDateTime(alert.measuredAt, intlLocale)}</time>
              <span class="fact__age">{formatDataAge(alert.measuredAt, now, locale)}</span>
              {backfilled && (
                <span class="fact__note">
                  <span class="tag tag--backfilled">{t('alert.backfilled')}</span>{' '}
                  {t('alert.backfilledDetail', { delay: formatDuration(uploadDelayMs(alert), t) })}
                </span>
              )}
            </dd>
          </div>
          <div class="fact fact--occurrences">
            <dt>{t('alert.occurrences')}</dt>
            <dd class="fact__number">{alert.occurrences}</dd>
          </div>
          <div class="fact fact--status">
            <dt>{t('alert.status')}</dt>
            <dd>
              <span class={`status status--${alert.status}`}>{t(`status.${alert.status}`)}</span>
              {alert.status === 'acknowledged' && alert.acknowledgedAt !== null && (
                <span class="fact__note">
                  {alert.acknowledgedBy === currentUserId
                    ? t('alert.acknowledgedByYou', { time: formatDateTime(alert.acknowledgedAt, intlLocale) })
                    : alert.acknowledgedByName === null
                      ? t('alert.acknowledgedAt', { time: formatDateTime(alert.acknowledgedAt, intlLocale) })
                      : t('alert.acknowledgedByName', {
                          name: alert.acknowledgedByName,
                          time: formatDateTime(alert.acknowledgedAt, intlLocale),
                        })}
                </span>
              )}
            </dd>
          </div>
        </dl>
        <div class="alert__action">
          {alert.status === 'open' && (
            <button
              type="button"
              class="button button--primary"
              disabled={pending}
              aria-describedby={titleId}
              onClick={() => void acknowledge()}
            >
              {pending ? t('alert.acknowledging') : t('alert.acknowledge')}
            </button>
          )}
          {failed && (
            <p class="alert__error" role="alert">
              {t('alert.acknowledgeFailed')}
            </p>
          )}
        </div>
      </article>
    </li>
  );
}
