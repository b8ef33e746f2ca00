import { formatClockTime } from '../format/date-time.ts';
import { useLocale } from '../i18n/locale-context.ts';
import type { ConnectionState } from '../realtime/socket.ts';

export interface EmptyQueueProps {
  readonly connection: ConnectionState;
  /** when the last snapshot arrived (see AlertQueueModel.syncedAt) */
  readonly syncedAt: number | undefined;
}

/**
 * Reassuring only when it may be: an empty list while disconnected proves nothing, and says so.
 */
export function EmptyQueue({ connection, syncedAt }: EmptyQueueProps) {
  const { t, intlLocale } = useLocale();
  const live = connection === 'live';
  return (
    <section class={`empty ${live ? 'empty--live' : 'empty--unknown'}`} aria-labelledby="empty-title">
      <svg class="empty__icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false">
        <circle cx="24" cy="24" r="22" fill="none" stroke="currentColor" stroke-width="3" />
        {live ? (
          <path d="M14 25l7 7 13-15" fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round" />
        ) : (
          <path d="M24 13v13M24 33v1" fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round" />
        )}
      </svg>
      <h2 id="empty-title" class="empty__title">
        {live ? t('queue.emptyTitle') : t('queue.emptyNotLiveTitle')}
      </h2>
      <p class="empty__body">{live ? t('queue.emptyBody') : t('queue.emptyNotLive')}</p>
      <p class={`connection connection--${connection} empty__status`}>
        <span class="connection__dot" aria-hidden="true" />
        {syncedAt === undefined
          ? t(`connection.${connection}`)
          : live
            ? t('queue.liveSince', { time: formatClockTime(syncedAt, intlLocale) })
            : `${t(`connection.${connection}`)} · ${t('queue.lastChecked', { time: formatClockTime(syncedAt, intlLocale) })}`}
      </p>
    </section>
  );
}
