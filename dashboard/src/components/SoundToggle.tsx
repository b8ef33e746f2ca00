import type { AlertSound } from '../alerts/use-alert-sound.ts';
import { useLocale } from '../i18n/locale-context.ts';

/** Mute or unmute the high-priority cue; until the first click the browser keeps it silent, and this says so. */
export function SoundToggle({ sound }: { sound: AlertSound }) {
  const { t } = useLocale();
  return (
    <div class="sound">
      <button
        type="button"
        class="button button--secondary button--small sound__toggle"
        aria-pressed={!sound.muted}
        onClick={sound.toggleMuted}
      >
        <span aria-hidden="true">{sound.muted ? '🔇' : '🔔'}</span> {t('sound.label')}
        <span class="sound__state" aria-hidden="true">
          {sound.muted ? t('sound.off') : t('sound.on')}
        </span>
      </button>
      {!sound.muted && !sound.armed && <span class="sound__hint">{t('sound.armHint')}</span>}
    </div>
  );
}
