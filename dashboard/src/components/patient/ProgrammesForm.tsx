import { PROGRAMME_IDS, SPO2_TARGETS, type ProgrammeId, type Programmes, type Spo2Target } from '@rpm/contracts';

/** What the page knows of the enrolment: from GET /patients/{id}, or the answer to the last save. */
export type ProgrammesShown = Pick<Programmes, 'programs' | 'spo2Target'> & { readonly spo2TargetExplicit?: boolean };
import { useId, useState } from 'preact/hooks';
import { isApiRequestError } from '../../api/api-request-error.ts';
import type { ApiClient } from '../../api/client.ts';
import { useLocale } from '../../i18n/locale-context.ts';

export interface ProgrammesFormProps {
  readonly api: ApiClient;
  readonly patientId: string;
  /** `spo2TargetExplicit` is unknown until a save has returned it (GET /patients/{id} does not say) */
  readonly current: ProgrammesShown;
  readonly onSaved: (programmes: Programmes) => void;
  readonly onCancel: () => void;
}

/** '' = no explicit prescription: the programmes' default */
type TargetChoice = Spo2Target | '';

function isTargetChoice(value: string): value is TargetChoice {
  return value === '' || (SPO2_TARGETS as readonly string[]).includes(value);
}

/** Programme enrolment and the prescribed SpO2 target (BTS 2017; 88–92 % selects NEWS2 SpO2 scale 2). */
export function ProgrammesForm({ api, patientId, current, onSaved, onCancel }: ProgrammesFormProps) {
  const { t } = useLocale();
  const id = useId();
  const [programs, setPrograms] = useState<readonly ProgrammeId[]>(current.programs);
  const [target, setTarget] = useState<TargetChoice>(current.spo2TargetExplicit === false ? '' : current.spo2Target);
  // An untouched target is not sent, so saving the programmes never changes a prescription by accident.
  const [targetTouched, setTargetTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  function toggle(programme: ProgrammeId, on: boolean): void {
    setPrograms((held) => (on ? PROGRAMME_IDS.filter((p) => p === programme || held.includes(p)) : held.filter((p) => p !== programme)));
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const spo2Target = targetTouched ? { spo2Target: target === '' ? null : target } : {};
      onSaved(await api.setProgrammes(patientId, { programs: [...programs], ...spo2Target }));
    } catch (error) {
      setFailure(isApiRequestError(error) ? error.code : 'CLIENT_UNKNOWN');
      setBusy(false);
    }
  }

  return (
    <form
      class="programmes-form"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <fieldset class="choice-group choice-group--columns">
        <legend class="choice-group__legend">{t('patient.programmesLegend')}</legend>
        {PROGRAMME_IDS.map((programme) => (
          <label key={programme} class="choice">
            <input
              type="checkbox"
              checked={programs.includes(programme)}
              onChange={(event) => toggle(programme, event.currentTarget.checked)}
            />
            <span>{t(`programmes.${programme}`)}</span>
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for={`${id}-target`}>{t('patient.spo2Target')}</label>
        <select
          id={`${id}-target`}
          value={target}
          aria-describedby={target === '88-92' ? `${id}-scale2` : undefined}
          onChange={(event) => {
            const chosen = event.currentTarget.value;
            if (!isTargetChoice(chosen)) return;
            setTarget(chosen);
            setTargetTouched(true);
          }}
        >
          <option value="">{t('patient.spo2TargetAuto')}</option>
          {SPO2_TARGETS.map((value) => (
            <option key={value} value={value}>
              {t(`spo2Targets.${value}`)}
            </option>
          ))}
        </select>
      </div>
      {target === '88-92' && (
        <p class="banner banner--warning" id={`${id}-scale2`}>
          {t('patient.scale2Warning')}
        </p>
      )}
      {failure !== undefined && (
        <p class="form-error" role="alert">
          {t('common.saveFailed', { code: failure })}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" class="button button--secondary" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
