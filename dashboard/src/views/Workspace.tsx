import type { User } from '@rpm/contracts';
import { useEffect, useRef } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import { describeAlertRule } from '../alerts/describe-alert-rule.ts';
import { useAlertQueue } from '../alerts/use-alert-queue.ts';
import { useAlertSound } from '../alerts/use-alert-sound.ts';
import { PAGE_TITLE_ID, type Route } from '../app/route.ts';
import { useNow } from '../app/use-now.ts';
import { useRoute } from '../app/use-route.ts';
import { AppHeader } from '../components/AppHeader.tsx';
import type { Language } from '../i18n/languages.ts';
import { useLocale } from '../i18n/locale-context.ts';
import type { SessionEndReason } from '../session/session.ts';
import { AlertQueue } from './AlertQueue.tsx';
import { OpsView } from './OpsView.tsx';
import { PatientView } from './PatientView.tsx';
import { RosterView } from './RosterView.tsx';

/** Data ages ("12 min ago") are refreshed this often. */
const CLOCK_TICK_MS = 15_000;

export interface WorkspaceProps {
  readonly api: ApiClient;
  readonly token: string;
  readonly user: User;
  readonly language: Language;
  readonly onLanguageChange: (language: Language) => void;
  readonly onSignOut: () => void;
  readonly onSessionEnded: (reason: SessionEndReason) => void;
  /** remembers whether the alert sound is muted */
  readonly localStorage: Storage;
}

/**
 * Everything after sign-in: the header and the live alert queue (kept across pages, so new alerts are announced
 * and the connection stays up on a patient's page), and the page the URL hash names (queue, roster, patient, ops).
 */
export function Workspace({ api, token, user, language, onLanguageChange, onSignOut, onSessionEnded, localStorage }: WorkspaceProps) {
  const locale = useLocale();
  const { t } = locale;
  const queue = useAlertQueue(api, token, onSessionEnded);
  const now = useNow(CLOCK_TICK_MS);
  const sound = useAlertSound(queue.lastRaised, localStorage);
  const requested = useRoute();
  // The ops role has no clinical pages: its home is the operations view.
  const route: Route = user.role === 'ops' && requested.page === 'queue' ? { page: 'ops' } : requested;
  const routeKey = route.page === 'patient' ? route.patientId : route.page;
  const shownRoute = useRef(routeKey);

  useEffect(() => {
    if (shownRoute.current === routeKey) return;
    shownRoute.current = routeKey;
    document.getElementById(PAGE_TITLE_ID)?.focus();
    window.scrollTo(0, 0);
  }, [routeKey]);

  const raised = queue.lastRaised;
  const announcement =
    raised === undefined
      ? ''
      : t('queue.announce', {
          priority: t(`priority.${raised.priority}`),
          patient: raised.patientName,
          rule: describeAlertRule(raised, locale),
        });

  return (
    <div class="app">
      <AppHeader
        user={user}
        page={route.page}
        connection={queue.connection}
        sound={user.role === 'ops' ? undefined : sound}
        language={language}
        onLanguageChange={onLanguageChange}
        onSignOut={onSignOut}
      />
      {queue.connection === 'reconnecting' && (
        <p class="banner banner--warning banner--page" role="status">
          {t('connection.reconnectingDetail')}
        </p>
      )}
      {route.page === 'patient' ? (
        <PatientView key={route.patientId} api={api} patientId={route.patientId} queue={queue} now={now} />
      ) : route.page === 'roster' ? (
        <RosterView api={api} queue={queue} now={now} />
      ) : route.page === 'ops' ? (
        <OpsView api={api} user={user} />
      ) : (
        <AlertQueue queue={queue} now={now} currentUserId={user.id} />
      )}
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
