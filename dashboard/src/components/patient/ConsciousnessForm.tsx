import { CONSCIOUSNESS_LEVELS, type Consciousness } from '@rpm/contracts';
import { useState } from 'preact/hooks';
import { isApiRequestError } from '../../api/api-request-error.ts';
import type { ApiClient } from '../../api/client.ts';
import { formatDateTime } from '../../format/date-time.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { Panel } from './Panel.tsx';

export interface ConsciousnessFormProps {
  readonly api: ApiClient;
  readonly patientId: string;
  /** after a level is recorded: NEWS2 changes */
  readonly onRecorded: () => void;
}

type Outcome =
  | { readonly kind: 'recorded'; readonly level: Consciousness; readonly at: number }
  | { readonly kind: 'failed'; readonly code: string }
  | { readonly kind: 'choose' };

/** ACVPU, the one NEWS2 parameter no device measures (RCP 2017). */
export function ConsciousnessForm({ api, patientId, onRecorded }: ConsciousnessFormProps) {
  const { t, intlLocale } = useLocale();
  const [level, setLevel] = useState<Consciousness>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (level === undefined) {
      setOutcome({ kind: 'choose' });
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    try {
      await api.recordObservation(patientId, { type: 'consciousness', value: level });
      setOutcome({ kind: 'recorded', level, at: Date.now() });
      setLevel(undefined);
      onRecorded();
    } catch (error) {
      setOutcome({ kind: 'failed', code: isApiRequestError(error) ? error.code : 'CLIENT_UNKNOWN' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel id="acvpu" title={t('acvpu.title')} class="acvpu">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset class="choice-group">
          <legend class="choice-group__legend">{t('acvpu.legend')}</legend>
          {CONSCIOUSNESS_LEVELS.map((value) => (
            <label key={value} class="choice">
              <input type="radio" name="acvpu" value={value} checked={level === value} onChange={() => setLevel(value)} />
              <span>{t(`acvpu.${value}`)}</span>
            </label>
          ))}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? t('acvpu.submitting') : t('acvpu.submit')}
          </button>
        </div>
        {outcome?.kind === 'recorded' && (
          <p class="form-success" role="status">
            {t('acvpu.recorded', { level: t(`acvpu.${outcome.level}`), time: formatDateTime(outcome.at, intlLocale) })}
          </p>
        )}
        {outcome?.kind === 'failed' && (
          <p class="form-error" role="alert">
            {t('acvpu.failed', { code: outcome.code })}
          </p>
        )}
        {outcome?.kind === 'choose' && (
          <p class="form-error" role="alert">
            {t('acvpu.choose')}
          </p>
        )}
      </form>
    </Panel>
  );
}
