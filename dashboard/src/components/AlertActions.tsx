import type { Alert, CareTeamMember } from '@rpm/contracts';
import { useEffect, useId, useState } from 'preact/hooks';
import { isApiRequestError } from '../api/api-request-error.ts';
import type { AlertActions as Actions } from '../alerts/use-alert-queue.ts';
import { useLocale } from '../i18n/locale-context.ts';
import { Dialog } from './Dialog.tsx';

/** The snooze lengths offered, in minutes (the server allows 1 min to 24 h). */
export const SNOOZE_MINUTES = [15, 60, 240] as const;
type SnoozeMinutes = (typeof SNOOZE_MINUTES)[number];
const SNOOZE_LABELS = { 15: 'alert.snooze15', 60: 'alert.snooze60', 240: 'alert.snooze240' } as const;
/** contracts resolveAlertRequestSchema and snoozeAlertRequestSchema */
const NOTE_MAX_LENGTH = 2000;
const REASON_MAX_LENGTH = 500;

type Problem = 'notOpen' | 'noteMissing' | { readonly code: string };

export interface AlertActionsProps {
  readonly alert: Alert;
  readonly currentUserId: string;
  readonly actions: Actions;
  /** id of the row's title, so each button is announced with the patient it acts on */
  readonly describedBy: string;
}

type CareTeamState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly code: string }
  | { readonly kind: 'loaded'; readonly members: readonly CareTeamMember[] };

/**
 * Acknowledge, assign (to me, or to anyone of the patient's care team), snooze and resolve. A 409 means someone else changed the alert first: the queue has
 * been re-read, and the row says so instead of an error.
 */
export function AlertActions({ alert, currentUserId, actions, describedBy }: AlertActionsProps) {
  const loadCareTeam = actions.careTeam;
  const { t } = useLocale();
  const ids = useId();
  const [pending, setPending] = useState<'acknowledge' | 'assign' | 'snooze' | 'resolve'>();
  const [dialog, setDialog] = useState<'assign' | 'snooze' | 'resolve'>();
  const [problem, setProblem] = useState<Problem>();
  const [note, setNote] = useState('');
  const [minutes, setMinutes] = useState<SnoozeMinutes>(15);
  const [reason, setReason] = useState('');
  const [team, setTeam] = useState<CareTeamState>({ kind: 'loading' });
  const [assignee, setAssignee] = useState<string>();

  // Read the care team each time the assign dialog opens: memberships change.
  useEffect(() => {
    if (dialog !== 'assign') return;
    let current = true;
    setTeam({ kind: 'loading' });
    loadCareTeam(alert.patientId).then(
      ({ members }) => {
        if (!current) return;
        // me first, then the server's order (tier, then name)
        const ordered = [...members.filter((m) => m.userId === currentUserId), ...members.filter((m) => m.userId !== currentUserId)];
        setTeam({ kind: 'loaded', members: ordered });
        setAssignee(ordered.find((m) => m.userId !== alert.assignedTo)?.userId);
      },
      (error: unknown) => {
        if (current) setTeam({ kind: 'failed', code: isApiRequestError(error) ? error.code : 'CLIENT_UNKNOWN' });
      },
    );
    return () => {
      current = false;
    };
  }, [dialog, alert.patientId, alert.assignedTo, currentUserId, loadCareTeam]);

  async function run(kind: NonNullable<typeof pending>, change: () => Promise<void>): Promise<void> {
    setPending(kind);
    setProblem(undefined);
    try {
      await change();
      setDialog(undefined);
      setNote('');
      setReason('');
    } catch (error) {
      if (isApiRequestError(error) && error.status === 409) {
        setDialog(undefined);
        setProblem('notOpen');
      } else setProblem({ code: isApiRequestError(error) ? error.code : 'CLIENT_UNKNOWN' });
    } finally {
      setPending(undefined);
    }
  }

  const close = (): void => {
    setDialog(undefined);
    setProblem(undefined);
  };
  const busy = pending !== undefined;
  const errorText =
    problem === undefined || problem === 'noteMissing'
      ? undefined
      : problem === 'notOpen'
        ? t('alert.notOpen')
        : t('alert.actionFailed', { code: problem.code });

  return (
    <div class="alert__action">
      {alert.status === 'open' && (
        <button
          type="button"
          class="button button--primary"
          disabled={busy}
          aria-describedby={describedBy}
          onClick={() => void run('acknowledge', () => actions.acknowledge(alert.id))}
        >
          {pending === 'acknowledge' ? t('alert.acknowledging') : t('alert.acknowledge')}
        </button>
      )}
      {alert.assignedTo !== currentUserId && (
        <button
          type="button"
          class="button button--secondary button--small"
          disabled={busy}
          aria-describedby={describedBy}
          onClick={() => void run('assign', () => actions.assign(alert.id, currentUserId))}
        >
          {pending === 'assign' && dialog === undefined ? t('alert.assigning') : t('alert.assignToMe')}
        </button>
      )}
      <button
        type="button"
        class="button button--secondary button--small"
        disabled={busy}
        aria-describedby={describedBy}
        aria-haspopup="dialog"
        onClick={() => {
          setProblem(undefined);
          setDialog('assign');
        }}
      >
        {t('alert.assign')}
      </button>
      <button
        type="button"
        class="button button--secondary button--small"
        disabled={busy}
        aria-describedby={describedBy}
        aria-haspopup="dialog"
        onClick={() => {
          setProblem(undefined);
          setDialog('snooze');
        }}
      >
        {t('alert.snooze')}
      </button>
      <button
        type="button"
        class="button button--secondary button--small"
        disabled={busy}
        aria-describedby={describedBy}
        aria-haspopup="dialog"
        onClick={() => {
          setProblem(undefined);
          setDialog('resolve');
        }}
      >
        {t('alert.resolve')}
      </button>
      {dialog === undefined && errorText !== undefined && (
        <p class="alert__error" role="alert">
          {errorText}
        </p>
      )}

      {dialog === 'assign' && (
        <Dialog title={t('alert.assignTitle', { patient: alert.patientName })} onClose={close}>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (assignee !== undefined) void run('assign', () => actions.assign(alert.id, assignee));
            }}
          >
            {team.kind === 'loading' ? (
              <p class="field__help" role="status">
                {t('alert.assignLoading')}
              </p>
            ) : team.kind === 'failed' ? (
              <p class="form-error" role="alert">
                {t('alert.assignLoadFailed', { code: team.code })}
              </p>
            ) : team.members.length === 0 ? (
              <p class="field__help">{t('alert.assignNoMembers')}</p>
            ) : (
              <fieldset class="choice-group">
                <legend class="choice-group__legend">{t('alert.assignTo')}</legend>
                {team.members.map((m) => (
                  <label key={m.userId} class="choice">
                    <input
                      type="radio"
                      name={`${ids}-assignee`}
                      value={m.userId}
                      checked={assignee === m.userId}
                      onChange={() => setAssignee(m.userId)}
                    />
                    <span>
                      {m.userId === currentUserId ? t('alert.memberYou', { name: m.displayName }) : m.displayName}{' '}
                      <span class="field__help">
                        {t('alert.memberDetail', { role: t(`alert.memberRole.${m.role}`), tier: m.tier })}
                        {m.userId === alert.assignedTo && ` · ${t('alert.memberCurrent')}`}
                      </span>
                    </span>
                  </label>
                ))}
              </fieldset>
            )}
            {errorText !== undefined && (
              <p class="form-error" role="alert">
                {errorText}
              </p>
            )}
            <div class="form-actions">
              <button
                type="submit"
                class="button button--primary"
                disabled={busy || assignee === undefined || assignee === alert.assignedTo || team.kind !== 'loaded'}
              >
                {pending === 'assign' ? t('alert.assigning') : t('alert.assignSubmit')}
              </button>
              <button type="button" class="button button--secondary" disabled={busy} onClick={close}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        </Dialog>
      )}

      {dialog === 'snooze' && (
        <Dialog title={t('alert.snoozeTitle', { patient: alert.patientName })} onClose={close}>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void run('snooze', () => actions.snooze(alert.id, minutes, reason.trim() === '' ? undefined : reason.trim()));
            }}
          >
            <fieldset class="choice-group">
              <legend class="choice-group__legend">{t('alert.snoozeFor')}</legend>
              {SNOOZE_MINUTES.map((m) => (
                <label key={m} class="choice">
                  <input type="radio" name={`${ids}-minutes`} checked={minutes === m} onChange={() => setMinutes(m)} />
                  {t(SNOOZE_LABELS[m])}
                </label>
              ))}
            </fieldset>
            <div class="field dialog__field">
              <label for={`${ids}-reason`}>{t('alert.snoozeReason')}</label>
              <textarea
                id={`${ids}-reason`}
                rows={2}
                maxLength={REASON_MAX_LENGTH}
                value={reason}
                onInput={(event) => setReason(event.currentTarget.value)}
              />
            </div>
            <p class="field__help">{t('alert.snoozeHelp')}</p>
            {errorText !== undefined && (
              <p class="form-error" role="alert">
                {errorText}
              </p>
            )}
            <div class="form-actions">
              <button type="submit" class="button button--primary" disabled={busy}>
                {pending === 'snooze' ? t('alert.snoozing') : t('alert.snoozeSubmit')}
              </button>
              <button type="button" class="button button--secondary" disabled={busy} onClick={close}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        </Dialog>
      )}

      {dialog === 'resolve' && (
        <Dialog title={t('alert.resolveTitle', { patient: alert.patientName })} onClose={close}>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (note.trim() === '') setProblem('noteMissing');
              else void run('resolve', () => actions.resolve(alert.id, note.trim()));
            }}
          >
            <div class="field dialog__field">
              <label for={`${ids}-note`}>{t('alert.resolveNote')}</label>
              <textarea
                id={`${ids}-note`}
                rows={4}
                required
                maxLength={NOTE_MAX_LENGTH}
                value={note}
                aria-invalid={problem === 'noteMissing'}
                aria-describedby={`${ids}-note-help`}
                onInput={(event) => setNote(event.currentTarget.value)}
              />
              <p class="field__help" id={`${ids}-note-help`}>
                {t('alert.resolveNoteHelp')}
              </p>
            </div>
            {(problem === 'noteMissing' || errorText !== undefined) && (
              <p class="form-error" role="alert">
                {problem === 'noteMissing' ? t('alert.resolveNoteMissing') : errorText}
              </p>
            )}
            <div class="form-actions">
              <button type="submit" class="button button--primary" disabled={busy}>
                {pending === 'resolve' ? t('alert.resolving') : t('alert.resolveSubmit')}
              </button>
              <button type="button" class="button button--secondary" disabled={busy} onClick={close}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </div>
  );
}
