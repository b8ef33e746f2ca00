import type { Threshold } from '@rpm/contracts';
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client.ts';
import type { Resource } from '../../app/use-resource.ts';
import { formatDateTime } from '../../format/date-time.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { formatThreshold, ruleName, ruleParamName } from '../../patient/threshold-labels.ts';
import { LoadState, Panel } from './Panel.tsx';
import { ThresholdForm } from './ThresholdForm.tsx';

export interface ThresholdsPanelProps {
  readonly api: ApiClient;
  readonly patientId: string;
  readonly thresholds: Resource<Threshold[]>;
}

const COLUMNS = 5;
const keyOf = (th: Pick<Threshold, 'ruleId' | 'param'>): string => `${th.ruleId}/${th.param}`;

/** The rule parameters in force for the patient, their defaults with sources, and who changed what, when and why. */
export function ThresholdsPanel({ api, patientId, thresholds }: ThresholdsPanelProps) {
  const locale = useLocale();
  const { t, intlLocale } = locale;
  const [editing, setEditing] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const rows = thresholds.data ?? [];

  async function save(threshold: Threshold, value: number | null, reason: string): Promise<void> {
    await api.setThreshold(patientId, { ruleId: threshold.ruleId, param: threshold.param, value, reason });
    setEditing(undefined);
    setSaved(keyOf(threshold));
    thresholds.reload();
  }

  return (
    <Panel id="thresholds" title={t('thresholds.title')} class="thresholds">
      <p class="panel__intro">{t('thresholds.intro')}</p>
      <LoadState resource={thresholds} />
      {saved !== undefined && (
        <p class="form-success" role="status">
          {t('thresholds.saved')}
        </p>
      )}
      {thresholds.data !== undefined && rows.length === 0 && <p class="panel__empty">{t('thresholds.empty')}</p>}
      {rows.length > 0 && (
        <div class="table-scroll">
          <table class="table thresholds__table">
            <thead>
              <tr>
                <th scope="col">{t('thresholds.rule')}</th>
                <th scope="col" class="table__number">
                  {t('thresholds.value')}
                </th>
                <th scope="col" class="table__number">
                  {t('thresholds.defaultValue')}
                </th>
                <th scope="col">{t('thresholds.changed')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('thresholds.change')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((th, index) => {
                const key = keyOf(th);
                const firstOfRule = rows[index - 1]?.ruleId !== th.ruleId;
                return (
                  <Fragment key={key}>
                    <tr class={`${th.overridden ? 'thresholds__row--overridden' : ''}${firstOfRule ? ' thresholds__row--first' : ''}`}>
                      <th scope="row">
                        <span class="thresholds__rule">{ruleName(th.ruleId, t)}</span>
                        <span class="thresholds__param">{ruleParamName(th.param, t)}</span>
                        <span class="table__sub thresholds__source">
                          {t('thresholds.source')}: <span lang="en">{th.source}</span>
                        </span>
                      </th>
                      <td class="table__number thresholds__value" data-label={t('thresholds.value')}>
                        {formatThreshold(th.value, th.unit, locale)}
                      </td>
                      <td class="table__number thresholds__default" data-label={t('thresholds.defaultValue')}>
                        {formatThreshold(th.defaultValue, th.unit, locale)}
                      </td>
                      <td class={`thresholds__changed${th.override === null ? ' thresholds__changed--none' : ''}`}>
                        {th.override === null ? (
                          <span class="muted">{t('thresholds.notOverridden')}</span>
                        ) : (
                          <>
                            <span class="tag tag--overridden">{t('thresholds.overridden')}</span>
                            <span class="table__sub">
                              {t('thresholds.overrideBy', {
                                name: th.override.setByName,
                                time: formatDateTime(th.override.setAt, intlLocale),
                              })}
                            </span>
                            <q class="thresholds__reason">{th.override.reason}</q>
                          </>
                        )}
                      </td>
                      <td class="table__action">
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          aria-expanded={editing === key}
                          aria-label={`${t('thresholds.change')}: ${ruleName(th.ruleId, t)}, ${ruleParamName(th.param, t)}`}
                          onClick={() => {
                            setSaved(undefined);
                            setEditing(editing === key ? undefined : key);
                          }}
                        >
                          {t('thresholds.change')}
                        </button>
                      </td>
                    </tr>
                    {editing === key && (
                      <tr class="thresholds__edit-row">
                        <td colSpan={COLUMNS}>
                          <ThresholdForm
                            threshold={th}
                            onSave={(value, reason) => save(th, value, reason)}
                            onCancel={() => setEditing(undefined)}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
