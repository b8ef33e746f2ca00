import type { AlertPriority, VitalType } from '@rpm/contracts';
import { formatDateTime } from '../../format/date-time.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import type { ChartAlert, ChartLimit } from '../../patient/chart-limits.ts';
import { formatThreshold, ruleName } from '../../patient/threshold-labels.ts';
import { PriorityBadge } from '../PriorityBadge.tsx';

/** the legend's marker shapes: the same ▲ ◆ ● as the chart's (trend-overlays.ts markerPath), in a 12 × 12 box */
const MARKER_SHAPES: Readonly<Record<AlertPriority, string>> = {
  high: 'M6 1 L11 10 L1 10 Z',
  medium: 'M6 1 L11 6 L6 11 L1 6 Z',
  low: 'M6 2 A4 4 0 1 1 5.99 2 Z',
};

export function MarkerIcon({ priority }: { priority: AlertPriority }) {
  return (
    <svg class={`trend-marker trend-marker--${priority}`} viewBox="0 0 12 12" width="14" height="14" aria-hidden="true">
      <path d={MARKER_SHAPES[priority]} />
    </svg>
  );
}

export interface TrendLegendProps {
  readonly type: VitalType;
  readonly limits: readonly ChartLimit[];
  readonly alerts: readonly ChartAlert[];
  /** formats a value of the charted vital with its unit */
  readonly withUnit: (value: number) => string;
}

/**
 * What the shaded bands and markers on the trend mean, in words: each limit in force (its rule, value, which side
 * alerts, its priority, whether it is this patient's override), and every alert in the range as a list: the chart's
 * text alternative for what the canvas shows.
 */
export function TrendLegend({ type, limits, alerts, withUnit }: TrendLegendProps) {
  const locale = useLocale();
  const { t, intlLocale } = locale;
  const priorities = [...new Set(alerts.map((alert) => alert.priority))];
  return (
    <div class="trend-legend">
      <h3 class="trend-legend__title">{t('trend.legend.title')}</h3>
      {limits.length === 0 ? (
        <p class="trend-legend__none">{t('trend.legend.noLimits', { vital: t(`vitals.${type}`) })}</p>
      ) : (
        <ul class="trend-legend__list">
          {limits.map((limit) => (
            <li key={`${limit.ruleId}/${limit.param}`} class="trend-legend__item">
              <span class={`trend-swatch trend-swatch--${limit.priority} trend-swatch--${limit.direction}`} aria-hidden="true" />
              <span>
                {t(limit.direction === 'below' ? 'trend.legend.limitBelow' : 'trend.legend.limitAbove', {
                  rule: ruleName(limit.ruleId, t),
                  value: formatThreshold(limit.value, limit.unit, locale),
                })}
                {limit.field !== 'value' && ` (${t(`params.${limit.field}`)})`} <PriorityBadge priority={limit.priority} />
                {limit.overridden && <span class="tag trend-legend__override">{t('trend.legend.override')}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {alerts.length === 0 ? (
        <p class="trend-legend__none">{t('trend.legend.noAlerts')}</p>
      ) : (
        <details class="trend-legend__alerts">
          <summary>
            {t('trend.legend.alerts', { count: alerts.length })}{' '}
            {priorities.map((priority) => (
              <span key={priority} class="trend-legend__marker">
                <MarkerIcon priority={priority} /> {t(`priority.${priority}`)}
              </span>
            ))}
          </summary>
          <ul class="trend-legend__list">
            {alerts.map((alert) => (
              <li key={alert.id} class="trend-legend__item">
                <MarkerIcon priority={alert.priority} />
                <span>
                  <time dateTime={alert.measuredAt}>{formatDateTime(alert.measuredAt, intlLocale)}</time> — {ruleName(alert.ruleId, t)}
                  {alert.value !== null && `: ${withUnit(alert.value)}`} · {t(`priority.${alert.priority}`)} · {t(`status.${alert.status}`)}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
