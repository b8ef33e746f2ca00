import type { Threshold } from '@rpm/contracts';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { isApiRequestError } from '../../api/api-request-error.ts';
import { formatNumber } from '../../format/number.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import type { MessageKey } from '../../i18n/translations.ts';
import { readThresholdEdit, REASON_MAX_LENGTH, ruleName, ruleParamName, unitLabel } from '../../patient/threshold-labels.ts';

export interface ThresholdFormProps {
  readonly threshold: Threshold;
  /** PUT /thresholds; value null returns to the default */
  readonly onSave: (value: number | null, reason: string) => Promise<void>;
  readonly onCancel: () => void;
}

type Problem = { readonly key: Extract<MessageKey, `thresholds.${string}`> } | { readonly key: 'common.saveFailed'; readonly code: string };

/** Change one rule parameter for one patient; a reason is required (recorded with who and when). */
export function ThresholdForm({ threshold, onSave, onCancel }: ThresholdFormProps) {
  const { t, numberLocale } = useLocale();
  const id = useId();
  const [valueText, setValueText] = useState(() => formatNumber(threshold.value, 2, numberLocale).replace(/\s/g, ''));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const valueInput = useRef<HTMLInputElement>(null);

  useEffect(() => valueInput.current?.focus(), []);

  async function save(reset: boolean): Promise<void> {
    if (busy) return;
    const edit = readThresholdEdit({ valueText, reason, reset });
    if (!edit.ok) {
      setProblem({ key: edit.error });
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await onSave(edit.value, edit.reason);
    } catch (error) {
      setProblem({ key: 'common.saveFailed', code: isApiRequestError(error) ? error.code : 'CLIENT_UNKNOWN' });
      setBusy(false);
    }
  }

  const reasonInvalid = problem?.key === 'thresholds.reasonMissing';
  const valueInvalid = problem?.key === 'thresholds.valueInvalid';
  return (
    <form
      class="threshold-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <h3 class="threshold-form__title" id={`${id}-title`}>
        {t('thresholds.editTitle', { rule: ruleName(threshold.ruleId, t), param: ruleParamName(threshold.param, t) })}
      </h3>
      <div class="threshold-form__fields">
        <div class="field">
          <label for={`${id}-value`}>{t('thresholds.newValue', { unit: unitLabel(threshold.unit, t) })}</label>
          <input
            id={`${id}-value`}
            ref={valueInput}
            type="text"
            inputMode="decimal"
            autocomplete="off"
            value={valueText}
            aria-invalid={valueInvalid}
            onInput={(event) => setValueText(event.currentTarget.value)}
          />
        </div>
        <div class="field field--grow">
          <label for={`${id}-reason`}>{t('thresholds.reason')}</label>
          <textarea
            id={`${id}-reason`}
            rows={2}
            required
            maxLength={REASON_MAX_LENGTH}
            value={reason}
            aria-invalid={reasonInvalid}
            aria-describedby={`${id}-reason-help`}
            onInput={(event) => setReason(event.currentTarget.value)}
          />
          <p class="field__help" id={`${id}-reason-help`}>
            {t('thresholds.reasonHelp')}
          </p>
        </div>
      </div>
      {problem !== undefined && (
        <p class="form-error" role="alert">
          {problem.key === 'common.saveFailed' ? t(problem.key, { code: problem.code }) : t(problem.key)}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        {threshold.overridden && (
          <button type="button" class="button button--secondary" disabled={busy} onClick={() => void save(true)}>
            {t('thresholds.reset')}
          </button>
        )}
        <button type="button" class="button button--secondary" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
