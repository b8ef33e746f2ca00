import type { DeadLetterDto } from '@rpm/contracts';
import type { QuarantineEntry } from '../../api/ops-api.ts';
import type { Resource } from '../../app/use-resource.ts';
import { formatDateTime } from '../../format/date-time.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { LoadState, Panel } from '../patient/Panel.tsx';
import { isRejectionReason } from '../../ops/fleet-status.ts';

/** The latest refused messages and readings: when, which device, why. The payload is not shown (it may hold readings). */
export function QuarantinePanel({ quarantine }: { quarantine: Resource<QuarantineEntry[]> }) {
  const { t, intlLocale } = useLocale();
  const list = quarantine.data;
  return (
    <Panel id="ops-quarantine" title={t('ops.quarantine')}>
      <LoadState resource={quarantine} />
      {list !== undefined && list.length === 0 && <p class="panel__empty">{t('ops.quarantineEmpty')}</p>}
      {list !== undefined && list.length > 0 && (
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('ops.time')}</th>
                <th scope="col">{t('ops.device')}</th>
                <th scope="col">{t('ops.reason')}</th>
                <th scope="col">{t('ops.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((entry, i) => (
                <tr key={`${entry.at}-${i}`}>
                  <td>
                    <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(entry.at, intlLocale)}</time>
                  </td>
                  <td class="ops__code">{entry.deviceId ?? t('ops.unknownDevice')}</td>
                  <th scope="row">
                    {isRejectionReason(entry.reason) ? t(`rejectionReasons.${entry.reason}`) : entry.reason}
                    <span class="table__sub ops__code">{entry.reason}</span>
                  </th>
                  <td class="ops__detail">{entry.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

/** Readings InfluxDB refused for good: device, sequence number and InfluxDB's answer; never the reading itself. */
export function DeadLettersPanel({ deadLetters, isAdmin }: { deadLetters: Resource<DeadLetterDto[]>; isAdmin: boolean }) {
  const { t, intlLocale } = useLocale();
  const list = deadLetters.data;
  return (
    <Panel id="ops-dead-letters" title={t('ops.deadLetterList')}>
      {!isAdmin ? (
        <p class="panel__empty">{t('ops.deadLettersAdminOnly')}</p>
      ) : (
        <>
          <LoadState resource={deadLetters} />
          {list !== undefined && list.length === 0 && <p class="panel__empty">{t('ops.deadLettersEmpty')}</p>}
          {list !== undefined && list.length > 0 && (
            <div class="table-scroll">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('ops.time')}</th>
                    <th scope="col">{t('ops.device')}</th>
                    <th scope="col" class="table__number">
                      {t('ops.seq')}
                    </th>
                    <th scope="col">{t('ops.influxAnswer')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((letter) => (
                    <tr key={letter.id}>
                      <td>
                        <time dateTime={new Date(letter.at).toISOString()}>{formatDateTime(letter.at, intlLocale)}</time>
                      </td>
                      <td class="ops__code">{letter.deviceId}</td>
                      <td class="table__number">{letter.seq}</td>
                      <td class="ops__detail">{letter.error}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Panel>
  );
}
