import type { User } from '@rpm/contracts';
import { useEffect } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import { PAGE_TITLE_ID, QUEUE_ROUTE, routeHref } from '../app/route.ts';
import { useNow } from '../app/use-now.ts';
import { useRoute } from '../app/use-route.ts';
import { AppHeader } from '../components/AppHeader.tsx';
import type { Language } from '../i18n/languages.ts';
import { useLocale } from '../i18n/locale-context.ts';
import { PortalView } from './PortalView.tsx';

/** Data ages are refreshed this often (as in the care team's workspace). */
const CLOCK_TICK_MS = 15_000;

export interface PortalWorkspaceProps {
  readonly api: ApiClient;
  readonly user: User;
  readonly language: Language;
  readonly onLanguageChange: (language: Language) => void;
  readonly onSignOut: () => void;
}

/**
 * A `patient` user's whole app: their own record at `#/me`. The clinical pages are not theirs (the server refuses
 * every clinical call too): the home address leads to `#/me`, any other address says it is not available.
 */
export function PortalWorkspace({ api, user, language, onLanguageChange, onSignOut }: PortalWorkspaceProps) {
  const { t } = useLocale();
  const route = useRoute();
  const now = useNow(CLOCK_TICK_MS);
  const home = routeHref({ page: 'me' });
  const isHome = window.location.hash === '' || routeHref(route) === routeHref(QUEUE_ROUTE);

  useEffect(() => {
    // The login page is at the home address: after signing in a patient lands on their record.
    if (route.page !== 'me' && isHome) window.location.replace(home);
  }, [route.page, isHome, home]);

  useEffect(() => {
    if (route.page !== 'me' && !isHome) document.title = `${t('portal.notAvailable')} — ${t('app.name')}`;
  }, [route.page, isHome, t]);

  return (
    <div class="app">
      <AppHeader user={user} page="me" language={language} onLanguageChange={onLanguageChange} onSignOut={onSignOut} />
      {route.page === 'me' ? (
        <PortalView api={api} user={user} now={now} />
      ) : isHome ? null : (
        <main class="patient portal">
          <h1 class="patient-summary__name" id={PAGE_TITLE_ID} tabIndex={-1}>
            {t('portal.notAvailable')}
          </h1>
          <p class="banner banner--error">{t('portal.notAvailableDetail')}</p>
          <p>
            <a class="back-link" href={home}>
              <span class="back-link__arrow" aria-hidden="true">
                ←
              </span>
              {t('portal.backToRecord')}
            </a>
          </p>
        </main>
      )}
    </div>
  );
}
