import type { Correction } from '@rpm/contracts';
import type { ComponentChildren } from 'preact';
import type { Resource } from '../../app/use-resource.ts';
import { formatDateTime } from '../../format/date-time.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { LoadState, Panel } from '../patient/Panel.tsx';

export interface CorrectionsPanelProps {
  readonly corrections: Resource<Correction[]>;
  /** the "report an error" button and the confirmation after sending */
  readonly children?: ComponentChildren;
}

/** My correction requests, newest first, each with its status and the care team's answers. */
export function CorrectionsPanel({ corrections, children }: CorrectionsPanelProps) {
  const { t, intlLocale } = useLocale();
  const list = corrections.data;
  return (
    <Panel id="corrections" title={t('portal.corrections.title')} class="corrections">
      <p class="panel__intro">{t('portal.corrections.intro')}</p>
      {children}
      <LoadState resource={corrections} />
      {list !== undefined && list.length === 0 && <p class="panel__empty">{t('portal.corrections.empty')}</p>}
      {list !== undefined && list.length > 0 && (
        <ul class="corrections__list">
          {list.map((correction) => (
            <li key={correction.id} class="corrections__item">
              <p class="corrections__head">
                <span class="corrections__section">{t(`portal.sections.${correction.section}`)}</span>
                <span class={`correction-status correction-status--${correction.status}`}>
                  {t(`portal.correctionStatus.${correction.status}`)}
                </span>
              </p>
              <q class="corrections__message">{correction.message}</q>
              <p class="table__sub">{t('portal.corrections.sent', { time: formatDateTime(correction.createdAt, intlLocale) })}</p>
              {correction.history.length > 0 && (
                <ol class="corrections__history">
                  {correction.history.map((answer) => (
                    <li key={answer.at}>
                      <span class={`correction-status correction-status--${answer.status}`}>
                        {t(`portal.correctionStatus.${answer.status}`)}
                      </span>{' '}
                      {t('portal.corrections.answer', { name: answer.byName, time: formatDateTime(answer.at, intlLocale) })}:{' '}
                      <q>{answer.note}</q>
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
