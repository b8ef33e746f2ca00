import type { ConflictNotice } from '../alerts/conflict-notice.ts';
import { formatDateTime } from '../format/date-time.ts';
import { useLocale } from '../i18n/locale-context.ts';
import { ruleName } from '../patient/threshold-labels.ts';

export interface ConflictNoticeBannerProps {
  readonly notice: ConflictNotice | undefined;
  readonly onDismiss: () => void;
}

/**
 * The queue's polite live region for an action that came too late: someone else had already resolved or snoozed
 * the alert (409), and the refresh took its row away, with the row's own message. The region is always in the DOM,
 * empty until needed, so screen readers announce the text when it appears.
 */
export function ConflictNoticeBanner({ notice, onDismiss }: ConflictNoticeBannerProps) {
  const { t, intlLocale } = useLocale();
  let text: string | undefined;
  if (notice !== undefined) {
    const rule = ruleName(notice.alert.ruleId, t);
    const patient = notice.alert.patientName;
    const time = notice.at === null ? '' : formatDateTime(notice.at, intlLocale);
    if (notice.what === 'auto_resolved' && notice.at !== null) text = t('queue.conflict.autoResolved', { rule, patient, time });
    else if (notice.what !== 'unknown' && notice.what !== 'auto_resolved' && notice.actorName !== null && notice.at !== null)
      text = t(`queue.conflict.${notice.what}`, { name: notice.actorName, rule, patient, time });
    else text = t('queue.conflict.unknown', { rule, patient });
  }
  return (
    <div class="conflict-notice" role="status" aria-live="polite" aria-atomic="true">
      {text !== undefined && (
        <p key={notice?.serial} class="banner conflict-notice__text">
          <span>{text}</span>
          <button type="button" class="button button--secondary button--small" onClick={onDismiss}>
            {t('queue.conflict.dismiss')}
          </button>
        </p>
      )}
    </div>
  );
}
