import type { News2Response } from '@rpm/contracts';
import type { Resource } from '../../app/use-resource.ts';
import { formatDataAge } from '../../format/data-age.ts';
import { formatDateTime } from '../../format/date-time.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { formatNews2Value, missingNews2Names, summariseNews2 } from '../../patient/news2-display.ts';
import { LoadState, Panel } from './Panel.tsx';

export interface News2PanelProps {
  readonly news2: Resource<News2Response>;
  readonly now: number;
}

/** RCP NEWS2 (2017): the score with its risk, and each parameter's value, points and time. */
export function News2Panel({ news2, now }: News2PanelProps) {
  const locale = useLocale();
  const { t, intlLocale } = locale;
  const data = news2.data;
  const summary = data === undefined ? undefined : summariseNews2(data);
  return (
    <Panel id="news2" title={t('news2.title')} class="news2">
      <LoadState resource={news2} />
      {data !== undefined && summary !== undefined && (
        <>
          <div class={`news2__score news2__score--${summary.tone}`} data-testid="news2-score">
            <p class="news2__number">
              <span class="visually-hidden">{t('news2.score')}: </span>
              {summary.scoreText}
            </p>
            <div class="news2__risk">
              <p class="news2__risk-label">{t(`news2.risk.${data.risk}`)}</p>
              <p class="news2__meta">
                {t('news2.scale', { scale: data.scale })} · {t('news2.computedAt', { time: formatDateTime(data.computedAt, intlLocale) })}
              </p>
            </div>
          </div>
          {data.partial && (
            <div class="news2__partial" role="note">
              <p class="news2__partial-title">
                <span class="tag tag--partial">!</span> {t('news2.partialTitle')}
              </p>
              <p>{t('news2.partialBody', { missing: missingNews2Names(data, locale) })}</p>
            </div>
          )}
          <table class="table news2__table">
            <thead>
              <tr>
                <th scope="col">{t('news2.parameter')}</th>
                <th scope="col">{t('news2.value')}</th>
                <th scope="col" class="table__number">
                  {t('news2.points')}
                </th>
                <th scope="col">{t('news2.measuredAt')}</th>
              </tr>
            </thead>
            <tbody>
              {data.parameters.map((parameter) => {
                const value = formatNews2Value(parameter, locale);
                return (
                  <tr
                    key={parameter.name}
                    class={value === undefined ? 'news2__row--missing' : `news2__row--points-${parameter.score ?? 0}`}
                  >
                    <th scope="row">{t(`news2.parameters.${parameter.name}`)}</th>
                    <td>{value ?? <span class="muted-strong">{t('common.notMeasured')}</span>}</td>
                    <td class="table__number">{parameter.score ?? '—'}</td>
                    <td>
                      {parameter.at === null ? (
                        '—'
                      ) : (
                        <>
                          <time dateTime={parameter.at}>{formatDateTime(parameter.at, intlLocale)}</time>
                          <span class="table__sub">{formatDataAge(parameter.at, now, locale)}</span>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}
