import type { Programmes } from '@rpm/contracts';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client.ts';
import { PAGE_TITLE_ID } from '../../app/route.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { ProgrammesForm, type ProgrammesShown } from './ProgrammesForm.tsx';

export interface PatientSummaryProps {
  readonly api: ApiClient;
  readonly patientId: string;
  readonly name: string;
  readonly programmes: ProgrammesShown;
  readonly onProgrammesSaved: (programmes: Programmes) => void;
}

/** The page's title: the patient's name, programmes and SpO2 target, with the programme editor. */
export function PatientSummary({ api, patientId, name, programmes, onProgrammesSaved }: PatientSummaryProps) {
  const { t } = useLocale();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <header class="patient-summary">
      <div class="patient-summary__main">
        <h1 class="patient-summary__name" id={PAGE_TITLE_ID} tabIndex={-1}>
          {name}
        </h1>
        <dl class="patient-summary__facts">
          <div>
            <dt>{t('patient.programmes')}</dt>
            <dd>
              {programmes.programs.length === 0
                ? t('patient.noProgrammes')
                : programmes.programs.map((p) => t(`programmes.${p}`)).join(', ')}
            </dd>
          </div>
          <div>
            <dt>{t('patient.spo2Target')}</dt>
            <dd>
              <strong>{t(`spo2Targets.${programmes.spo2Target}`)}</strong>{' '}
              {programmes.spo2TargetExplicit !== undefined && (
                <span class="muted">
                  ({programmes.spo2TargetExplicit ? t('patient.spo2TargetPrescribed') : t('patient.spo2TargetDefault')})
                </span>
              )}
            </dd>
          </div>
        </dl>
        {saved && !editing && (
          <p class="form-success" role="status">
            {t('patient.programmesSaved')}
          </p>
        )}
      </div>
      {!editing && (
        <button
          type="button"
          class="button button--secondary"
          aria-expanded={false}
          onClick={() => {
            setSaved(false);
            setEditing(true);
          }}
        >
          {t('patient.editProgrammes')}
        </button>
      )}
      {editing && (
        <ProgrammesForm
          api={api}
          patientId={patientId}
          current={programmes}
          onSaved={(next) => {
            setEditing(false);
            setSaved(true);
            onProgrammesSaved(next);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
    </header>
  );
}
