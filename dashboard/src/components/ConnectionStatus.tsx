import type { ConnectionState } from '../realtime/socket.ts';
import { useLocale } from '../i18n/locale-context.ts';

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const { t } = useLocale();
  return (
    <p class={`connection connection--${state}`} role="status">
      <span class="connection__dot" aria-hidden="true" />
      <span class="visually-hidden">{t('connection.label')}: </span>
      {t(`connection.${state}`)}
    </p>
  );
}
