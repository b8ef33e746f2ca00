import { PASSPORT_SECTIONS, type Correction, type CorrectionRequest, type PassportEntry, type PassportSection } from '@rpm/contracts';
import { useId, useState } from 'preact/hooks';
import { isApiRequestError } from '../../api/api-request-error.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { entryFields } from '../../portal/passport-fields.ts';
import { Dialog } from '../Dialog.tsx';

/** contracts correctionRequestSchema */
const MESSAGE_MIN_LENGTH = 3;
const MESSAGE_MAX_LENGTH = 2000;

export interface CorrectionDialogProps {
  readonly section: PassportSection;
  /** the entry that is wrong; none when something is missing */
  readonly entry: PassportEntry | undefined;
  readonly onSend: (request: CorrectionRequest) => Promise<Correction>;
  readonly onSent: () => void;
  readonly onClose: () => void;
}

/** "Report an error": what is wrong, in the patient's words; it goes to the care team, who answer in the list. */
export function CorrectionDialog({ section: initialSection, entry, onSend, onSent, onClose }: CorrectionDialogProps) {
  const { t } = useLocale();
  const ids = useId();
  const [section, setSection] = useState<PassportSection>(initialSection);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<'short' | { code: string }>();
  const summary =
    entry === undefined
      ? undefined
      : entryFields(entry)
          .map(({ value }) => (value.kind === 'text' ? value.text : ''))
          .filter(Boolean)
          .join(', ');

  async function send(): Promise<void> {
    if (message.trim().length < MESSAGE_MIN_LENGTH) {
      setProblem('short');
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await onSend({ section, ...(entry === undefined ? {} : { entryId: entry.entryId }), message: message.trim() });
      onSent();
    } catch (error) {
      setProblem({ code: isApiRequestError(error) ? error.code : 'CLIENT_UNKNOWN' });
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('portal.corrections.dialogTitle')} onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <p class="dialog__intro">{t('portal.corrections.dialogIntro')}</p>
        {entry === undefined ? (
          <div class="field dialog__field">
            <label for={`${ids}-section`}>{t('portal.corrections.section')}</label>
            <select
              id={`${ids}-section`}
              value={section}
              onChange={(event) => {
                const chosen = PASSPORT_SECTIONS.find((s) => s === event.currentTarget.value);
                if (chosen !== undefined) setSection(chosen);
              }}
            >
              {PASSPORT_SECTIONS.map((s) => (
                <option key={s} value={s}>
                  {t(`portal.sections.${s}`)}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p class="dialog__subject">
            <span class="dialog__subject-label">{t(`portal.sections.${section}`)}:</span> {summary}
          </p>
        )}
        <div class="field dialog__field">
          <label for={`${ids}-message`}>{t('portal.corrections.message')}</label>
          <textarea
            id={`${ids}-message`}
            rows={4}
            required
            maxLength={MESSAGE_MAX_LENGTH}
            value={message}
            aria-invalid={problem === 'short'}
            aria-describedby={`${ids}-help`}
            onInput={(event) => setMessage(event.currentTarget.value)}
          />
          <p class="field__help" id={`${ids}-help`}>
            {t('portal.corrections.messageHelp')}
          </p>
        </div>
        {problem !== undefined && (
          <p class="form-error" role="alert">
            {problem === 'short' ? t('portal.corrections.messageShort') : t('portal.corrections.sendFailed', { code: problem.code })}
          </p>
        )}
        <div class="form-actions">
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? t('portal.corrections.sending') : t('portal.corrections.send')}
          </button>
          <button type="button" class="button button--secondary" disabled={busy} onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
