import { PROGRAMME_IDS, type ProgrammeId } from '@rpm/contracts';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import type { AlertQueueModel } from '../alerts/use-alert-queue.ts';
import { PAGE_TITLE_ID } from '../app/route.ts';
import { useInterval } from '../app/use-interval.ts';
import { useResource } from '../app/use-resource.ts';
import { LoadState } from '../components/patient/Panel.tsx';
import { RosterTable } from '../components/roster/RosterTable.tsx';
import { clinicUtcOffset } from '../format/date-time.ts';
import { useLocale } from '../i18n/locale-context.ts';
import { filterByProgramme, isSilent, offlineDevices, sortRoster } from '../roster/sort-roster.ts';

/** The roster is re-read this often even when no alert changes (silences grow, devices drop off). */
const ROSTER_REFRESH_MS = 30_000;
const ALL = 'all';

export interface RosterViewProps {
  readonly api: ApiClient;
  /** the live queue: any change to the alerts re-reads the roster */
  readonly queue: AlertQueueModel;
  readonly now: number;
}

/** The care team's patients, riskiest first, filterable by programme, with silent and offline devices flagged. */
export function RosterView({ api, queue, now }: RosterViewProps) {
  const { t, intlLocale } = useLocale();
  const roster = useResource(() => api.getRoster(), 'roster');
  const [programme, setProgramme] = useState<ProgrammeId | typeof ALL>(ALL);
  const collator = useMemo(() => new Intl.Collator(intlLocale), [intlLocale]);

  useInterval(roster.reload, ROSTER_REFRESH_MS);
  const liveKey = queue.alerts.map((alert) => `${alert.id}@${alert.updatedAt}`).join(',');
  const seenLiveKey = useRef(liveKey);
  useEffect(() => {
    if (seenLiveKey.current === liveKey) return;
    seenLiveKey.current = liveKey;
    roster.reload();
  }, [liveKey]);

  useEffect(() => {
    document.title = `${t('roster.title')} — ${t('app.name')}`;
  }, [t]);

  const all = roster.data?.patients;
  const shown = useMemo(
    () => (all === undefined ? [] : sortRoster(filterByProgramme(all, programme === ALL ? undefined : programme), now, collator)),
    [all, programme, now, collator],
  );
  const forbidden = roster.errorCode === 'API_FORBIDDEN';

  return (
    <main class="queue roster">
      <div class="queue__header">
        <h1 class="queue__title" id={PAGE_TITLE_ID} tabIndex={-1}>
          {t('roster.title')}
        </h1>
        {all !== undefined && (
          <p class="queue__summary">
            {t('roster.summary', {
              total: shown.length,
              withAlerts: shown.filter((entry) => entry.highestOpenPriority !== null).length,
              silent: shown.filter((entry) => isSilent(entry, now)).length,
              offline: shown.filter((entry) => offlineDevices(entry) > 0).length,
            })}
          </p>
        )}
        <p class="queue__time-zone">{t('queue.timeZone', { offset: clinicUtcOffset(now, intlLocale) })}</p>
      </div>
      <div class="roster__tools">
        <div class="field field--inline">
          <label for="roster-programme">{t('roster.programme')}</label>
          <select
            id="roster-programme"
            value={programme}
            onChange={(event) => setProgramme(event.currentTarget.value as ProgrammeId | typeof ALL)}
          >
            <option value={ALL}>{t('roster.allProgrammes')}</option>
            {PROGRAMME_IDS.map((id) => (
              <option key={id} value={id}>
                {t(`programmes.${id}`)}
              </option>
            ))}
          </select>
        </div>
        <p class="roster__order">{t('roster.order')}</p>
      </div>
      {forbidden ? <p class="banner banner--error">{t('roster.forbidden')}</p> : <LoadState resource={roster} />}
      {all !== undefined &&
        (shown.length === 0 ? (
          <p class="panel__empty roster__empty">{all.length === 0 ? t('roster.empty') : t('roster.emptyFilter')}</p>
        ) : (
          <RosterTable entries={shown} now={now} />
        ))}
    </main>
  );
}
