import { PASSPORT_SECTIONS, type PassportSection } from '@rpm/contracts';
import { useId, useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client.ts';
import { isApiRequestError } from '../../api/api-request-error.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { fieldInput, readPassportForm, sectionFields, type PassportFormValues } from '../../patient/passport-form.ts';
import type { PassportField } from '../../portal/passport-fields.ts';
import { Dialog } from '../Dialog.tsx';

export interface PassportEntryDialogProps {
  readonly api: ApiClient;
  readonly patientId: string;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}

type Problem = { readonly fields: readonly PassportField[] } | { readonly code: string };

/** A new passport entry in one section; the contract's schema checks it before it is sent. */
export function PassportEntryDialog({ api, patientId, onClose, onSaved }: PassportEntryDialogProps) {
  const { t } = useLocale();
  const ids = useId();
  const [section, setSection] = useState<PassportSection>('diagnosis');
  const [values, setValues] = useState<PassportFormValues>({});
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const wrong = problem !== undefined && 'fields' in problem ? problem.fields : [];

  async function save(): Promise<void> {
    const form = readPassportForm(section, values);
    if (!form.ok) {
      setProblem({ fields: form.fields });
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await api.addPassportEntry(patientId, form.request);
      onSaved();
    } catch (error) {
      setProblem({ code: isApiRequestError(error) ? error.code : 'CLIENT_UNKNOWN' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('patientRecord.passport.addTitle')} onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div class="field dialog__field">
          <label for={`${ids}-section`}>{t('patientRecord.passport.section')}</label>
          <select
            id={`${ids}-section`}
            value={section}
            onChange={(event) => {
              const chosen = PASSPORT_SECTIONS.find((s) => s === event.currentTarget.value);
              if (chosen === undefined) return;
              setSection(chosen);
              setValues({});
              setProblem(undefined);
            }}
          >
            {PASSPORT_SECTIONS.map((s) => (
              <option key={s} value={s}>
                {t(`portal.sections.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {sectionFields(section).map((field) => {
          const input = fieldInput(field);
          const id = `${ids}-${field}`;
          const invalid = wrong.includes(field);
          const value = values[field];
          const set = (next: string | boolean): void => setValues({ ...values, [field]: next });
          if (input === 'flag') {
            return (
              <div key={field} class="field field--checkbox dialog__field">
                <input id={id} type="checkbox" checked={value === true} onChange={(event) => set(event.currentTarget.checked)} />
                <label for={id}>{t('patientRecord.passport.plannedAdmission')}</label>
              </div>
            );
          }
          return (
            <div key={field} class="field dialog__field">
              <label for={id}>{t(`portal.fields.${field}`)}</label>
              {input === 'kind' ? (
                <select id={id} value={typeof value === 'string' ? value : 'service'} onChange={(event) => set(event.currentTarget.value)}>
                  <option value="service">{t('portal.passport.service')}</option>
                  <option value="medicine">{t('portal.passport.medicine')}</option>
                </select>
              ) : input === 'date' ? (
                <input
                  id={id}
                  type="date"
                  value={typeof value === 'string' ? value : ''}
                  aria-invalid={invalid}
                  onInput={(event) => set(event.currentTarget.value)}
                />
              ) : (
                <input
                  id={id}
                  type="text"
                  value={typeof value === 'string' ? value : ''}
                  aria-invalid={invalid}
                  onInput={(event) => set(event.currentTarget.value)}
                />
              )}
              {(field === 'icd10' || field === 'diagnosisIcd10') && <p class="field__help">{t('patientRecord.passport.icd10Help')}</p>}
            </div>
          );
        })}
        {problem !== undefined && (
          <p class="form-error" role="alert">
            {'fields' in problem
              ? t('patientRecord.passport.invalid', {
                  fields: problem.fields.map((f) => t(`portal.fields.${f}`)).join(', '),
                })
              : t('common.saveFailed', { code: problem.code })}
          </p>
        )}
        <div class="form-actions">
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" class="button button--secondary" disabled={busy} onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
