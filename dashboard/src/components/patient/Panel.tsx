import type { ComponentChildren } from 'preact';
import type { Resource } from '../../app/use-resource.ts';
import { useLocale } from '../../i18n/locale-context.ts';

export interface PanelProps {
  readonly id: string;
  readonly title: string;
  readonly class?: string;
  /** headings beside the title (buttons, selectors) */
  readonly tools?: ComponentChildren;
  readonly children: ComponentChildren;
}

/** One titled section of the patient page; the title labels the section for screen readers. */
export function Panel({ id, title, class: extra, tools, children }: PanelProps) {
  return (
    <section class={`panel ${extra ?? ''}`} aria-labelledby={`${id}-title`}>
      <div class="panel__header">
        <h2 class="panel__title" id={`${id}-title`}>
          {title}
        </h2>
        {tools}
      </div>
      {children}
    </section>
  );
}

/** Loading and failure of a panel's data, with a retry; nothing once the data is there. */
export function LoadState({ resource }: { resource: Resource<unknown> }) {
  const { t } = useLocale();
  if (resource.errorCode !== undefined) {
    return (
      <p class="banner banner--warning panel__state" role="status">
        {t('common.loadFailed', { code: resource.errorCode })}{' '}
        <button type="button" class="button button--secondary button--small" onClick={resource.reload}>
          {t('common.retry')}
        </button>
      </p>
    );
  }
  if (resource.data === undefined && resource.loading) return <p class="panel__state panel__state--loading">{t('common.loading')}</p>;
  return null;
}
