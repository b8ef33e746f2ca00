import type { PassportVersion } from '@rpm/contracts';
import type { Resource } from '../../app/use-resource.ts';
import { formatDateTime } from '../../format/date-time.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { entryFields } from '../../portal/passport-fields.ts';
import { LoadState } from './Panel.tsx';

/** Every version of every passport entry, newest first: what changed, who, when (Almaty) and why. */
export function PassportHistory({ history }: { history: Resource<PassportVersion[]> }) {
  const { t, intlLocale } = useLocale();
  const versions = [...(history.data ?? [])].reverse();
  return (
    <details class="passport-history">
      <summary>{t('patientRecord.passport.history', { count: versions.length })}</summary>
      <LoadState resource={history} />
      {history.data !== undefined && versions.length === 0 && <p class="panel__empty">{t('patientRecord.passport.historyEmpty')}</p>}
      {versions.length > 0 && (
        <ol class="passport-history__list">
          {versions.map((version) => (
            <li key={version.version} class="passport-history__item">
              <p class="passport-history__head">
                <time dateTime={version.recordedAt}>{formatDateTime(version.recordedAt, intlLocale)}</time> ·{' '}
                {t(`patientRecord.passport.changes.${version.change}`, {
                  section: t(`portal.sections.${version.section}`),
                  name: version.recordedByName,
                })}
              </p>
              {version.data !== null && (
                <p class="passport-history__data">
                  {entryFields({ section: version.section, data: version.data })
                    .map(
                      ({ field, value }) =>
                        `${t(`portal.fields.${field}`)}: ${
                          value.kind === 'text'
                            ? field === 'kind'
                              ? t(value.text === 'medicine' ? 'portal.passport.medicine' : 'portal.passport.service')
                              : value.text
                            : t(value.value ? 'portal.passport.planned' : 'portal.passport.emergency')
                        }`,
                    )
                    .join(' · ')}
                </p>
              )}
              {version.reason !== null && (
                <p class="passport-history__reason">
                  {t('patientRecord.passport.reason')}: {version.reason}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
