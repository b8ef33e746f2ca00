import { useState } from 'preact/hooks';
import { isApiRequestError } from '../api/api-request-error.ts';
import type { ApiClient } from '../api/client.ts';
import { LanguageSelect } from '../components/LanguageSelect.tsx';
import { Logo } from '../components/Logo.tsx';
import type { Language } from '../i18n/languages.ts';
import { useLocale } from '../i18n/locale-context.ts';
import type { MessageKey } from '../i18n/translations.ts';
import type { Session, SessionEndReason } from '../session/session.ts';

export interface LoginViewProps {
  readonly api: ApiClient;
  readonly language: Language;
  readonly onLanguageChange: (language: Language) => void;
  /** why the reader is here again, if a session just ended */
  readonly endReason: SessionEndReason | undefined;
  readonly onLoggedIn: (session: Session) => void;
}

const END_MESSAGES: Readonly<Record<SessionEndReason, MessageKey>> = {
  expired: 'login.sessionExpired',
  signedOut: 'login.signedOut',
  ended: 'login.sessionEnded',
};

/** A failure kept as a key, not text, so it follows a language switch. */
type LoginFailure =
  { readonly key: 'login.failed' | 'login.unreachable' | 'login.missing' } | { readonly key: 'login.error'; readonly code: string };

function failureOf(error: unknown): LoginFailure {
  if (!isApiRequestError(error)) return { key: 'login.error', code: 'CLIENT_UNKNOWN' };
  if (error.code === 'API_LOGIN_FAILED') return { key: 'login.failed' };
  if (error.status === 0) return { key: 'login.unreachable' };
  return { key: 'login.error', code: error.code };
}

export function LoginView({ api, language, onLanguageChange, endReason, onLoggedIn }: LoginViewProps) {
  const { t } = useLocale();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<LoginFailure>();

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (busy) return;
    // Our own check, not the browser's bubble: that would speak the browser's language, not the reader's.
    if (username.trim() === '' || password === '') {
      setFailure({ key: 'login.missing' });
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      onLoggedIn(await api.login({ username: username.trim(), password }));
    } catch (error) {
      setFailure(failureOf(error));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <div class="login">
      <div class="login__language">
        <LanguageSelect value={language} onChange={onLanguageChange} />
      </div>
      <main class="login__panel">
        <div class="login__brand">
          <Logo />
          <span>{t('app.name')}</span>
        </div>
        <h1 class="login__title">{t('login.title')}</h1>
        <p class="login__intro">{t('login.intro')}</p>
        {endReason !== undefined && failure === undefined && (
          <p class="banner banner--info" role="status">
            {t(END_MESSAGES[endReason])}
          </p>
        )}
        <form class="login__form" onSubmit={(event) => void submit(event)} noValidate>
          <label for="login-username">{t('login.username')}</label>
          <input
            id="login-username"
            name="username"
            type="text"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            required
            maxLength={128}
            value={username}
            onInput={(event) => setUsername(event.currentTarget.value)}
          />
          <label for="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxLength={1024}
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
          {failure !== undefined && (
            <p class="form-error" role="alert">
              {failure.key === 'login.error' ? t(failure.key, { code: failure.code }) : t(failure.key)}
            </p>
          )}
          <button type="submit" class="button button--primary button--wide" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
