import type { Passport, PassportEntry, PassportVersion } from '@rpm/contracts';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client.ts';
import type { Resource } from '../../app/use-resource.ts';
import { formatDateTime } from '../../format/date-time.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { PASSPORT_SECTION_ORDER, sectionEntries } from '../../portal/passport-fields.ts';
import { PassportEntryFields } from '../portal/PassportEntryFields.tsx';
import { EndPassportEntryDialog } from './EndPassportEntryDialog.tsx';
import { LoadState, Panel } from './Panel.tsx';
import { PassportEntryDialog } from './PassportEntryDialog.tsx';
import { PassportHistory } from './PassportHistory.tsx';

export interface PatientPassportPanelProps {
  readonly api: ApiClient;
  readonly patientId: string;
  readonly passport: Resource<Passport>;
  readonly history: Resource<PassportVersion[]>;
}

type Done = 'added' | 'ended' | 'changed';

/**
 * The patient's health passport for the care team: the entries in force with who recorded them and when, a new entry,
 * ending an entry with a reason, and the full history. Nothing is deleted (the API keeps every version).
 */
export function PatientPassportPanel({ api, patientId, passport, history }: PatientPassportPanelProps) {
  const { t, intlLocale } = useLocale();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<PassportEntry>();
  const [done, setDone] = useState<Done>();
  const data = passport.data;

  const reload = (outcome: Done): void => {
    setAdding(false);
    setEnding(undefined);
    setDone(outcome);
    passport.reload();
    history.reload();
  };

  return (
    <Panel
      id="passport"
      title={t('patientRecord.passport.title')}
      class="passport"
      tools={
        <button
          type="button"
          class="button button--secondary button--small"
          aria-haspopup="dialog"
          onClick={() => {
            setDone(undefined);
            setAdding(true);
          }}
        >
          {t('patientRecord.passport.add')}
        </button>
      }
    >
      <p class="panel__intro">{t('patientRecord.passport.intro')}</p>
      <LoadState resource={passport} />
      {done !== undefined && (
        <p class={done === 'changed' ? 'banner banner--warning' : 'form-success'} role="status">
          {t(`patientRecord.passport.done.${done}`)}
        </p>
      )}
      {data !== undefined &&
        PASSPORT_SECTION_ORDER.map((section) => {
          const entries = sectionEntries(data, section);
          const sectionName = t(`portal.sections.${section}`);
          return (
            <section key={section} class="passport__section" aria-labelledby={`record-passport-${section}`}>
              <div class="passport__section-header">
                <h3 class="passport__section-title" id={`record-passport-${section}`}>
                  {sectionName}
                </h3>
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
                          {t('patientRecord.passport.recordedBy', {
                            time: formatDateTime(entry.firstRecordedAt, intlLocale),
                            name: entry.recordedByName,
                          })}
                          {corrected &&
                            ` · ${t('portal.passport.corrected', { time: formatDateTime(entry.recordedAt, intlLocale), name: entry.recordedByName })}`}
                        </p>
                        <button
                          type="button"
                          class="button button--secondary button--small passport__report"
                          aria-haspopup="dialog"
                          onClick={() => {
                            setDone(undefined);
                            setEnding(entry);
                          }}
                        >
                          {t('patientRecord.passport.end')}
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
      <PassportHistory history={history} />
      {adding && <PassportEntryDialog api={api} patientId={patientId} onClose={() => setAdding(false)} onSaved={() => reload('added')} />}
      {ending !== undefined && (
        <EndPassportEntryDialog api={api} patientId={patientId} entry={ending} onClose={() => setEnding(undefined)} onDone={reload} />
      )}
    </Panel>
  );
}
