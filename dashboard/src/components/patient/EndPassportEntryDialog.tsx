import type { PassportEntry } from '@rpm/contracts';
import { useId, useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client.ts';
import { isApiRequestError } from '../../api/api-request-error.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { REASON_MAX_LENGTH, REASON_MIN_LENGTH } from '../../patient/threshold-labels.ts';
import { entryFields } from '../../portal/passport-fields.ts';
import { Dialog } from '../Dialog.tsx';

export interface EndPassportEntryDialogProps {
  readonly api: ApiClient;
  readonly patientId: string;
  readonly entry: PassportEntry;
  readonly onClose: () => void;
  /** `changed`: someone else changed the entry meanwhile (409) and nothing was recorded */
  readonly onDone: (outcome: 'ended' | 'changed') => void;
}

/**
 * Ends a passport entry that no longer applies or was entered in error. Nothing is deleted: the entry's versions stay
 * in the history, and this one records who, when and why. The version edited is sent, so a change made meanwhile by
 * someone else is refused (409) rather than overwritten.
 */
export function EndPassportEntryDialog({ api, patientId, entry, onClose, onDone }: EndPassportEntryDialogProps) {
  const { t } = useLocale();
  const ids = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<'short' | { readonly code: string }>();
  const [busy, setBusy] = useState(false);
  const summary = entryFields(entry)
    .filter(({ value }) => value.kind === 'text')
    .map(({ value }) => (value.kind === 'text' ? value.text : ''))
    .join(' · ');

  async function end(): Promise<void> {
    if (reason.trim().length < REASON_MIN_LENGTH) {
      setProblem('short');
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await api.supersedePassportEntry(patientId, entry.entryId, { ended: true, reason: reason.trim(), version: entry.version });
      onDone('ended');
    } catch (error) {
      if (isApiRequestError(error) && error.status === 409) onDone('changed');
      else setProblem({ code: isApiRequestError(error) ? error.code : 'CLIENT_UNKNOWN' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('patientRecord.passport.endTitle')} onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void end();
        }}
      >
        <p class="dialog__subject">
          <span class="dialog__subject-label">{t(`portal.sections.${entry.section}`)}:</span> {summary}
        </p>
        <p class="dialog__intro">{t('patientRecord.passport.endHelp')}</p>
        <div class="field dialog__field">
          <label for={`${ids}-reason`}>{t('patientRecord.passport.reason')}</label>
          <textarea
            id={`${ids}-reason`}
            rows={3}
            required
            maxLength={REASON_MAX_LENGTH}
            value={reason}
            aria-invalid={problem === 'short'}
            onInput={(event) => setReason(event.currentTarget.value)}
          />
        </div>
        {problem !== undefined && (
          <p class="form-error" role="alert">
            {problem === 'short' ? t('patientRecord.passport.reasonMissing') : t('common.saveFailed', { code: problem.code })}
          </p>
        )}
        <div class="form-actions">
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? t('common.saving') : t('patientRecord.passport.end')}
          </button>
          <button type="button" class="button button--secondary" disabled={busy} onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
