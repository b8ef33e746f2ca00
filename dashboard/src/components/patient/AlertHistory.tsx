import type { Alert } from '@rpm/contracts';
import type { AlertList } from '../../api/client.ts';
import { describeAlertRule } from '../../alerts/describe-alert-rule.ts';
import type { Resource } from '../../app/use-resource.ts';
import { formatDateTime } from '../../format/date-time.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { PriorityBadge } from '../PriorityBadge.tsx';
import { LoadState, Panel } from './Panel.tsx';

export interface AlertHistoryProps {
  readonly history: Resource<AlertList>;
}

const newestFirst = (a: Alert, b: Alert): number => Date.parse(b.raisedAt) - Date.parse(a.raisedAt);

/** Every alert of the patient, resolved ones too, newest first. */
export function AlertHistory({ history }: AlertHistoryProps) {
  const locale = useLocale();
  const { t, intlLocale } = locale;
  const alerts = history.data === undefined ? undefined : [...history.data.alerts].sort(newestFirst);

  function resolution(alert: Alert): string | undefined {
    if (alert.resolvedAt === null) return undefined;
    const time = formatDateTime(alert.resolvedAt, intlLocale);
    if (alert.resolution === 'auto') return t('history.resolvedAuto', { time });
    if (alert.resolvedByName !== null) return t('history.resolvedBy', { name: alert.resolvedByName, time });
    return t('history.resolvedAt', { time });
  }

  return (
    <Panel id="history" title={t('history.title')} class="history">
      <LoadState resource={history} />
      {history.data !== undefined && history.data.invalid > 0 && (
        <p class="banner banner--error">{t('queue.invalid', { invalid: history.data.invalid })}</p>
      )}
      {alerts !== undefined && alerts.length === 0 && <p class="panel__empty">{t('history.empty')}</p>}
      {alerts !== undefined && alerts.length > 0 && (
        <ul class="history__list">
          {alerts.map((alert) => {
            const resolved = resolution(alert);
            return (
              <li key={alert.id} class={`history__item history__item--${alert.status}`}>
                <PriorityBadge priority={alert.priority} />
                <div class="history__main">
                  <p class="history__rule">{describeAlertRule(alert, locale)}</p>
                  <p class="history__meta">
                    {t('history.raised')} <time dateTime={alert.raisedAt}>{formatDateTime(alert.raisedAt, intlLocale)}</time>
                    {alert.backfilled && (
                      <>
                        {' '}
                        <span class="tag tag--backfilled">{t('alert.backfilled')}</span>
                      </>
                    )}
                  </p>
                </div>
                <p class="history__status">
                  <span class={`status status--${alert.status}`}>{t(`status.${alert.status}`)}</span>
                  {resolved !== undefined && <span class="table__sub">{resolved}</span>}
                  {alert.resolutionNote !== null && <q class="history__note">{alert.resolutionNote}</q>}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
