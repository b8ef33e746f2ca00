import { ESCALATION_TIERS, type Alert } from '@rpm/contracts';
import { describeAlertRule, news2MissingParameters } from '../alerts/describe-alert-rule.ts';
import type { AlertActions as AlertActionsModel } from '../alerts/use-alert-queue.ts';
import { patientHref } from '../app/route.ts';
import { formatDataAge } from '../format/data-age.ts';
import { formatDateTime } from '../format/date-time.ts';
import { formatDuration } from '../format/duration.ts';
import { useLocale } from '../i18n/locale-context.ts';
import { AlertActions } from './AlertActions.tsx';
import { PriorityBadge } from './PriorityBadge.tsx';

export interface AlertRowProps {
  readonly alert: Alert;
  /** the clock for data age, refreshed by the parent */
  readonly now: number;
  readonly currentUserId: string;
  readonly actions: AlertActionsModel;
}

type TierRole = keyof typeof ESCALATION_TIERS;

/** 1 → nurse, 2 → doctor, 3 → on_call (contracts ESCALATION_TIERS) */
function tierRole(tier: number): TierRole | undefined {
  return (Object.keys(ESCALATION_TIERS) as TierRole[]).find((role) => ESCALATION_TIERS[role] === tier);
}

export function AlertRow({ alert, now, currentUserId, actions }: AlertRowProps) {
  const locale = useLocale();
  const { t, intlLocale } = locale;
  const titleId = `alert-${alert.id}`;
  const missingNews2 = news2MissingParameters(alert);
  const role = tierRole(alert.escalationTier);

  // The server wakes a snooze on its next sweep; until the update arrives, an expired one is not shown.
  const snoozed = alert.snoozedUntil !== null && Date.parse(alert.snoozedUntil) > now;

  return (
    <li class={`alert alert--${alert.priority} alert--${alert.status}${snoozed ? ' alert--snoozed' : ''}`}>
      <article class="alert__body" aria-labelledby={titleId}>
        <div class="alert__priority">
          <PriorityBadge priority={alert.priority} />
        </div>
        <div class="alert__main">
          <h2 class="alert__patient" id={titleId}>
            <a class="alert__patient-link" href={patientHref(alert.patientId)}>
              {alert.patientName}
            </a>
          </h2>
          <p class="alert__rule">{describeAlertRule(alert, locale)}</p>
          {missingNews2 > 0 && (
            <p class="alert__note alert__note--partial">
              <span class="tag tag--partial">{t('alert.news2Partial', { missing: missingNews2 })}</span>
            </p>
          )}
          {alert.deviceId !== null && <p class="alert__note">{t('alert.device', { device: alert.deviceId })}</p>}
        </div>
        <dl class="alert__facts">
          <div class="fact fact--measured">
            <dt>{t('alert.measured')}</dt>
            <dd>
              <time dateTime={alert.measuredAt}>{formatDateTime(alert.measuredAt, intlLocale)}</time>
              {alert.backfilled ? (
                <>
                  <span class="fact__age fact__age--late">
                    <span class="tag tag--backfilled">{t('alert.backfilled')}</span>{' '}
                    {t('alert.backfilledAge', { age: formatDuration(now - Date.parse(alert.measuredAt), t) })}
                  </span>
                  <span class="fact__note">{t('alert.backfilledDetail', { delay: formatDuration(alert.dataAgeMs, t) })}</span>
                </>
              ) : (
                <span class="fact__age">{formatDataAge(alert.measuredAt, now, locale)}</span>
              )}
            </dd>
          </div>
          <div class="fact fact--escalation">
            <dt>{t('alert.escalation')}</dt>
            <dd>
              <span class={alert.escalationTier > 1 ? 'fact__number fact__escalated' : 'fact__number'}>
                {role === undefined
                  ? alert.escalationTier
                  : t('alert.escalationTier', { tier: alert.escalationTier, role: t(`escalation.${role}`) })}
              </span>
              {alert.escalatedAt !== null && (
                <span class="fact__note">{t('alert.escalatedAt', { time: formatDateTime(alert.escalatedAt, intlLocale) })}</span>
              )}
              {alert.occurrences > 1 && (
                <span class="fact__note">
                  {t('alert.occurrences')}: <span class="fact__number">{alert.occurrences}</span>
                </span>
              )}
            </dd>
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
              {snoozed && alert.snoozedUntil !== null && (
                <span class="fact__note">
                  <span class="tag tag--snoozed">{t('alert.snoozed')}</span>{' '}
                  {t('alert.snoozedUntil', { time: formatDateTime(alert.snoozedUntil, intlLocale) })}
                </span>
              )}
              {alert.assignedTo !== null && (
                <span class="fact__note fact__assigned">
                  {alert.assignedTo === currentUserId
                    ? t('alert.assignedToYou')
                    : t('alert.assignedTo', { name: alert.assignedToName ?? t('alert.someone') })}
                </span>
              )}
            </dd>
          </div>
        </dl>
        <AlertActions alert={alert} currentUserId={currentUserId} actions={actions} describedBy={titleId} />
      </article>
    </li>
  );
}
