import type { Passport, PassportEntry, PassportSection } from '@rpm/contracts';
import type { Resource } from '../../app/use-resource.ts';
import { formatDateTime } from '../../format/date-time.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { PASSPORT_SECTION_ORDER, sectionEntries } from '../../portal/passport-fields.ts';
import { PassportEntryFields } from './PassportEntryFields.tsx';
import { LoadState, Panel } from '../patient/Panel.tsx';

export interface PassportPanelProps {
  readonly passport: Resource<Passport>;
  /** opens the correction request for an entry, or for a section when something is missing */
  readonly onReport: (section: PassportSection, entry?: PassportEntry) => void;
}

/** My health passport, read-only: each section's entries in force, with when and by whom each was recorded or corrected. */
export function PassportPanel({ passport, onReport }: PassportPanelProps) {
  const { t, intlLocale } = useLocale();
  const data = passport.data;
  return (
    <Panel id="passport" title={t('portal.passport.title')} class="passport">
      <p class="panel__intro">{t('portal.passport.intro')}</p>
      <LoadState resource={passport} />
      {data !== undefined &&
        PASSPORT_SECTION_ORDER.map((section) => {
          const entries = sectionEntries(data, section);
          const sectionName = t(`portal.sections.${section}`);
          return (
            <section key={section} class="passport__section" aria-labelledby={`passport-${section}`}>
              <div class="passport__section-header">
                <h3 class="passport__section-title" id={`passport-${section}`}>
                  {sectionName}
                </h3>
                {entries.length === 0 && (
                  <button type="button" class="button button--secondary button--small" onClick={() => onReport(section)}>
                    {t('portal.passport.reportMissing')}
                    <span class="visually-hidden">: {sectionName}</span>
                  </button>
                )}
              </div>
              {entries.length === 0 ? (
                <p class="panel__empty">{t('portal.passport.empty')}</p>
              ) : (
                <ul class="passport__entries">
                  {entries.map((entry) => {
                    const corrected = entry.recordedAt !== entry.firstRecordedAt;
                    return (
                      <li key={entry.entryId} class="passport__entry">
                        <PassportEntryFields entry={entry} />
                        <p class="passport__history">
                          {t('portal.passport.recorded', { time: formatDateTime(entry.firstRecordedAt, intlLocale) })}
                          {corrected &&
                            ` · ${t('portal.passport.corrected', { time: formatDateTime(entry.recordedAt, intlLocale), name: entry.recordedByName })}`}
                          {!corrected && ` · ${entry.recordedByName}`}
                        </p>
                        <button
                          type="button"
                          class="button button--secondary button--small passport__report"
                          onClick={() => onReport(section, entry)}
                        >
                          {t('portal.passport.reportError')}
                          <span class="visually-hidden">: {sectionName}</span>
                        </button>
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
          );
        })}
    </Panel>
  );
}
