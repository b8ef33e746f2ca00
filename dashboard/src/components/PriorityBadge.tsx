import type { AlertPriority } from '@rpm/contracts';
import { useLocale } from '../i18n/locale-context.ts';

/** Marks beside the colour, so priority never rests on colour alone (as bedside monitors print *** / ** / *). */
const MARKS: Readonly<Record<AlertPriority, string>> = { high: '!!!', medium: '!!', low: '!' };

/** IEC 60601-1-8 priority colours: high red, medium yellow, low cyan — always with the priority's name. */
export function PriorityBadge({ priority }: { priority: AlertPriority }) {
  const { t } = useLocale();
  return (
    <span class={`priority priority--${priority}`}>
      <span class="visually-hidden">{t('alert.priority')}: </span>
      <span class="priority__mark" aria-hidden="true">
        {MARKS[priority]}
      </span>
      {t(`priority.${priority}`)}
    </span>
  );
}
