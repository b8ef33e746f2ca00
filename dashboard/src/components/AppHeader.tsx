import type { User } from '@rpm/contracts';
import type { AlertSound } from '../alerts/use-alert-sound.ts';
import type { Page } from '../app/route.ts';
import type { Language } from '../i18n/languages.ts';
import { useLocale } from '../i18n/locale-context.ts';
import type { ConnectionState } from '../realtime/socket.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { LanguageSelect } from './LanguageSelect.tsx';
import { Logo } from './Logo.tsx';
import { MainNav } from './MainNav.tsx';
import { SoundToggle } from './SoundToggle.tsx';

export interface AppHeaderProps {
  readonly user: User;
  /** the page shown, for the navigation */
  readonly page: Page;
  /** the live connection; none in the patient portal, which has no live queue */
  readonly connection?: ConnectionState;
  /** the high-priority cue's mute toggle; care-team pages only */
  readonly sound?: AlertSound;
  readonly language: Language;
  readonly onLanguageChange: (language: Language) => void;
  readonly onSignOut: () => void;
}

export function AppHeader({ user, page, connection, sound, language, onLanguageChange, onSignOut }: AppHeaderProps) {
  const { t } = useLocale();
  return (
    <header class="app-header">
      <div class="app-header__brand">
        <Logo />
        <span class="app-header__name">{t('app.name')}</span>
      </div>
      <MainNav role={user.role} current={page} />
      {connection !== undefined && <ConnectionStatus state={connection} />}
      <div class="app-header__tools">
        {sound !== undefined && <SoundToggle sound={sound} />}
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
