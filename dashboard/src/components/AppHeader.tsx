import type { User } from '@rpm/contracts';
import type { Page } from '../app/route.ts';
import type { Language } from '../i18n/languages.ts';
import { useLocale } from '../i18n/locale-context.ts';
import type { ConnectionState } from '../realtime/socket.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { LanguageSelect } from './LanguageSelect.tsx';
import { Logo } from './Logo.tsx';
import { MainNav } from './MainNav.tsx';

export interface AppHeaderProps {
  readonly user: User;
  /** the page shown, for the navigation */
  readonly page: Page;
  readonly connection: ConnectionState;
  readonly language: Language;
  readonly onLanguageChange: (language: Language) => void;
  readonly onSignOut: () => void;
}

export function AppHeader({ user, page, connection, language, onLanguageChange, onSignOut }: AppHeaderProps) {
  const { t } = useLocale();
  return (
    <header class="app-header">
      <div class="app-header__brand">
        <Logo />
        <span class="app-header__name">{t('app.name')}</span>
      </div>
      <MainNav role={user.role} current={page} />
      <ConnectionStatus state={connection} />
      <div class="app-header__tools">
        <p class="app-header__user">
          <span class="visually-hidden">{t('header.user')}: </span>
          <span class="app-header__user-name">{user.displayName}</span>
          <span class="app-header__user-role">{t(`roles.${user.role}`)}</span>
        </p>
        <LanguageSelect value={language} onChange={onLanguageChange} />
        <button type="button" class="button button--secondary" onClick={onSignOut}>
          {t('header.signOut')}
        </button>
      </div>
    </header>
  );
}
