import { ALERT_PRIORITIES, type RosterEntry } from '@rpm/contracts';
import { patientHref } from '../../app/route.ts';
import { formatDataAge } from '../../format/data-age.ts';
import { formatDateTime } from '../../format/date-time.ts';
import { formatDuration } from '../../format/duration.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { summariseNews2 } from '../../patient/news2-display.ts';
import { isSilent, offlineDevices } from '../../roster/sort-roster.ts';
import { PriorityBadge } from '../PriorityBadge.tsx';

export interface RosterRowProps {
  readonly entry: RosterEntry;
  readonly now: number;
  /** the row's place in the whole table for screen readers (the header row is 1): the table is windowed */
  readonly rowIndex: number;
}

/** One patient of the roster: name and programmes, open alerts, NEWS2, last reading, devices. */
export function RosterRow({ entry, now, rowIndex }: RosterRowProps) {
  const locale = useLocale();
  const { t, intlLocale } = locale;
  const news2 = summariseNews2(entry.news2);
  const silent = isSilent(entry, now);
  const offline = offlineDevices(entry);
  const priority = entry.highestOpenPriority;
  return (
    <tr class={`roster-row${priority === null ? '' : ` roster-row--${priority}`}`} aria-rowindex={rowIndex}>
      <th scope="row">
        <a class="roster-row__name" href={patientHref(entry.id)}>
          {entry.name}
        </a>
        <span class="table__sub">
          {entry.programs.length === 0 ? t('patient.noProgrammes') : entry.programs.map((id) => t(`programmes.${id}`)).join(', ')}
        </span>
      </th>
      <td>
        {priority === null ? (
          <span class="muted">{t('roster.noAlerts')}</span>
        ) : (
          <div class="roster-row__alerts">
            <PriorityBadge priority={priority} />
            <span class="roster-row__counts">
              {ALERT_PRIORITIES.filter((p) => entry.openAlerts[p] > 0)
                .map((p) => `${t(`priority.${p}`)}: ${entry.openAlerts[p]}`)
                .join(' · ')}
            </span>
          </div>
        )}
      </td>
      <td class="table__number">
        <span class={`roster-news2 roster-news2--${news2.tone}`} title={t(`news2.risk.${entry.news2.risk}`)}>
          {news2.scoreText}
        </span>
        {news2.partial && <span class="table__sub">{t('roster.partial')}</span>}
      </td>
      <td>
        {entry.lastReadingAt === null ? (
          <span class="muted">{t('roster.noReading')}</span>
        ) : (
          <>
            <time dateTime={entry.lastReadingAt}>{formatDateTime(entry.lastReadingAt, intlLocale)}</time>
            <span class="table__sub">{formatDataAge(entry.lastReadingAt, now, locale)}</span>
          </>
        )}
      </td>
      <td>
        {entry.devices.total === 0 ? (
          <span class="muted">{t('roster.noDevices')}</span>
        ) : (
          <div class="roster-row__devices">
            <span class={`device-state device-state--${offline > 0 ? 'offline' : 'online'}`}>
              <span class="device-state__dot" aria-hidden="true" />
              {t('roster.devicesOnline', { online: entry.devices.online, total: entry.devices.total })}
            </span>
            {offline > 0 && <span class="tag tag--offline">{t('roster.offline', { offline })}</span>}
            {silent && entry.devices.silentSinceMs !== null && (
              <span class="tag tag--silent">{t('roster.silent', { duration: formatDuration(now - entry.devices.silentSinceMs, t) })}</span>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}
