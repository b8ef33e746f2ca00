import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createApiClient } from '../api/client.ts';
import { detectLanguage } from '../i18n/detect-language.ts';
import type { I18n } from '../i18n/index.ts';
import { loadLanguagePreference, saveLanguagePreference } from '../i18n/language-preference.ts';
import type { Language } from '../i18n/languages.ts';
import { LocaleContext } from '../i18n/locale-context.ts';
import { clearSession, loadSession, saveSession, type Session, type SessionEndReason } from '../session/session.ts';
import { LoginView } from '../views/LoginView.tsx';
import { PortalWorkspace } from '../views/PortalWorkspace.tsx';
import { Workspace } from '../views/Workspace.tsx';

/** setTimeout's largest delay; a longer session is re-checked by the server's 401 or session:ended anyway. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface AppProps {
  readonly i18n: I18n;
  /** holds the session token (per tab, gone when the tab closes) */
  readonly sessionStorage: Storage;
  /** remembers the language */
  readonly localStorage: Storage;
  /** navigator.languages */
  readonly preferredLanguages: readonly string[];
}

/** Login, then the workspace (alert queue, patient pages); owns the session and the language. */
export function App({ i18n, sessionStorage, localStorage, preferredLanguages }: AppProps) {
  const [language, setLanguage] = useState<Language>(() => detectLanguage(loadLanguagePreference(localStorage), preferredLanguages));
  const [session, setSession] = useState<Session | undefined>(() => loadSession(sessionStorage, Date.now()));
  const [endReason, setEndReason] = useState<SessionEndReason>();
  const locale = i18n.localeFor(language);
  const tokenRef = useRef(session?.token);
  tokenRef.current = session?.token;

  const endSession = useCallback(
    (reason: SessionEndReason) => {
      // Only the first reason counts: our own logout also makes the server send session:ended.
      if (tokenRef.current === undefined) return;
      clearSession(sessionStorage);
      tokenRef.current = undefined;
      setSession(undefined);
      setEndReason(reason);
    },
    [sessionStorage],
  );

  const api = useMemo(
    () =>
      createApiClient({
        getToken: () => tokenRef.current,
        onUnauthorized: (_error, token) => {
          if (token !== undefined && token === tokenRef.current) endSession('expired');
        },
      }),
    [endSession],
  );

  const changeLanguage = useCallback(
    (next: Language) => {
      saveLanguagePreference(localStorage, next);
      setLanguage(next);
    },
    [localStorage],
  );

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    if (session === undefined) document.title = locale.t('app.name');
  }, [session, locale]);

  // End the session at its expiry even if the server's session:ended never reaches us (socket down).
  useEffect(() => {
    if (session === undefined) return;
    const timer = setTimeout(() => endSession('expired'), Math.min(Math.max(0, Date.parse(session.expiresAt) - Date.now()), MAX_TIMER_MS));
    return () => clearTimeout(timer);
  }, [session, endSession]);

  const loggedIn = useCallback(
    (next: Session) => {
      saveSession(sessionStorage, next);
      tokenRef.current = next.token;
      setEndReason(undefined);
      setSession(next);
    },
    [sessionStorage],
  );

  const signOut = useCallback(() => {
    if (session === undefined) return;
    // Forget the token first, so the session:ended that our logout triggers is not taken for someone else's doing.
    endSession('signedOut');
    api.logout(session.token).catch(() => {
      // The session may already be gone on the server; locally it is over either way.
    });
  }, [api, session, endSession]);

  return (
    <LocaleContext.Provider value={locale}>
      {session === undefined ? (
        <LoginView api={api} language={language} onLanguageChange={changeLanguage} endReason={endReason} onLoggedIn={loggedIn} />
      ) : session.user.role === 'patient' ? (
        <PortalWorkspace api={api} user={session.user} language={language} onLanguageChange={changeLanguage} onSignOut={signOut} />
      ) : (
        <Workspace
          api={api}
          token={session.token}
          user={session.user}
          language={language}
          onLanguageChange={changeLanguage}
          onSignOut={signOut}
          onSessionEnded={endSession}
          localStorage={localStorage}
        />
      )}
    </LocaleContext.Provider>
  );
}
