import type { AccessLogEntry } from '@rpm/contracts';
import type { Resource } from '../../app/use-resource.ts';
import { formatDateTime } from '../../format/date-time.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { accessSubject } from '../../portal/access-action.ts';
import { LoadState, Panel } from '../patient/Panel.tsx';

const KNOWN_ROLES = ['admin', 'clinician', 'ops', 'patient'] as const;
const KNOWN_CHANNELS = ['rest', 'socket', 'export'] as const;

export interface AccessLogPanelProps {
  readonly log: Resource<AccessLogEntry[]>;
  /** whose view: the patient's own record in the portal, or a patient's record seen by the care team */
  readonly audience: 'patient' | 'careTeam';
}

/** Who accessed the record in the last 30 days: when (Almaty), who (name, role), what, channel, and the outcome. */
export function AccessLogPanel({ log, audience }: AccessLogPanelProps) {
  const { t, intlLocale } = useLocale();
  const entries = log.data;
  return (
    <Panel
      id="access-log"
      title={audience === 'patient' ? t('portal.accessLog.title') : t('patientRecord.accessLog.title')}
      class="access-log"
    >
      <p class="panel__intro">{audience === 'patient' ? t('portal.accessLog.intro') : t('patientRecord.accessLog.intro')}</p>
      <LoadState resource={log} />
      {entries !== undefined && entries.length === 0 && (
        <p class="panel__empty">{audience === 'patient' ? t('portal.accessLog.empty') : t('patientRecord.accessLog.empty')}</p>
      )}
      {entries !== undefined && entries.length > 0 && (
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('portal.accessLog.when')}</th>
                <th scope="col">{t('portal.accessLog.who')}</th>
                <th scope="col">{t('portal.accessLog.what')}</th>
                <th scope="col">{t('portal.accessLog.channel')}</th>
                <th scope="col">{t('portal.accessLog.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry, i) => {
                const role = KNOWN_ROLES.find((r) => r === entry.actorRole);
                const channel = KNOWN_CHANNELS.find((c) => c === entry.channel);
                return (
                  <tr key={`${entry.at}-${i}`}>
                    <td>
                      <time dateTime={entry.at}>{formatDateTime(entry.at, intlLocale)}</time>
                    </td>
                    <th scope="row">
                      {entry.actorName ?? t('portal.accessLog.platform')}
                      {entry.actorRole !== null && (
                        <span class="table__sub">{role === undefined ? entry.actorRole : t(`roles.${role}`)}</span>
                      )}
                    </th>
                    <td>
                      {t(`portal.accessSubjects.${accessSubject(entry.action)}`)}
                      <span class="table__sub">
                        {/* the audit log's own identifier, for anyone who checks it against the log: not prose */}
                        <code lang="en">{entry.action}</code>
                      </span>
                    </td>
                    <td>{channel === undefined ? entry.channel : t(`portal.channels.${channel}`)}</td>
                    <td>
                      <span class={`access-outcome access-outcome--${entry.outcome === 'allowed' ? 'allowed' : 'denied'}`}>
                        {entry.outcome === 'allowed'
                          ? t('portal.accessLog.allowed')
                          : entry.outcome === 'denied'
                            ? t('portal.accessLog.denied')
                            : entry.outcome}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
