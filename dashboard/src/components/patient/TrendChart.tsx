import { VITAL_TYPES, VITALS_INTERVAL_MS, type Alert, type Threshold, type VitalsHistoryResponse, type VitalType } from '@rpm/contracts';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { VitalsRequest } from '../../api/patient-api.ts';
import { useResource } from '../../app/use-resource.ts';
import { CLINIC_TIME_ZONE, formatDateTime, formatDayMonth, formatHourMinute } from '../../format/date-time.ts';
import { formatDuration } from '../../format/duration.ts';
import { formatNumber } from '../../format/number.ts';
import { closeSentence } from '../../format/sentence.ts';
import { formatVitalNumber } from '../../format/vital-value.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { chartAlerts, chartLimits } from '../../patient/chart-limits.ts';
import { axisLabelKind, TREND_RANGE_MS, TREND_RANGES, type TrendRange } from '../../patient/trend-data.ts';
import { LoadState, Panel } from './Panel.tsx';
import { trendMaxPoints, trendView } from './trend-buckets.ts';
import { limitsAndAlertsPlugin, pagePriorityColours, rangeWithLimits } from './trend-overlays.ts';
import { TrendLegend } from './TrendLegend.tsx';

const CHART_HEIGHT_PX = 260;
/** the brand colour for the (first) series; diastolic is dashed as well as coloured, so colour is never the only cue */
const SERIES_STYLES: readonly { readonly stroke: string; readonly dash: number[]; readonly band: string }[] = [
  { stroke: '#0b4f6c', dash: [], band: 'rgba(11, 79, 108, 0.15)' },
  { stroke: '#7a3e9d', dash: [6, 4], band: 'rgba(122, 62, 157, 0.15)' },
];
const AXIS_STROKE = '#485563';
const GRID_STROKE = '#e3e8ee';
const NBSP = '\u00a0';

export interface TrendChartProps {
  /**
   * the readings of one vital in a window: a patient's (care team) or my own (portal); beyond 24 h the request carries
   * `maxPoints` and the answer may be mean/min/max buckets (the portal's API answers raw readings regardless)
   */
  readonly load: (request: VitalsRequest) => Promise<VitalsHistoryResponse>;
  /** whose readings `load` returns: a change reloads the chart */
  readonly sourceKey: string;
  readonly type: VitalType;
  readonly onTypeChange: (type: VitalType) => void;
  /** the patient's thresholds in force (after overrides): the charted vital's limits are drawn as shaded bands */
  readonly thresholds?: readonly Threshold[] | undefined;
  /** the patient's alerts: those about the charted vital measured in the range are drawn as markers */
  readonly alerts?: readonly Alert[] | undefined;
}

/**
 * One vital over 24 h, 7 d or 30 d (uPlot), times in Almaty, with a text summary for screen readers. 24 h draws every
 * reading; 7 d and 30 d draw the server's bucket means as the line with each bucket's lowest–highest as a band.
 */
export function TrendChart({ load, sourceKey, type, onTypeChange, thresholds, alerts }: TrendChartProps) {
  const locale = useLocale();
  const { t, intlLocale, numberLocale } = locale;
  const [range, setRange] = useState<TrendRange>('24h');
  const ids = useId();
  const container = useRef<HTMLDivElement>(null);
  const vitals = useResource(() => {
    const now = Date.now();
    const maxPoints = trendMaxPoints(range);
    return load({ type, from: now - TREND_RANGE_MS[range], to: now, ...(maxPoints === undefined ? {} : { maxPoints }) });
  }, `${sourceKey}:${type}:${range}`);
  const view = vitals.data === undefined ? undefined : trendView(vitals.data, type);
  const data = view?.data;
  const stats = view?.stats;
  const unit = t(`units.${type}`);
  const withUnit = (value: number): string => `${formatVitalNumber(type, value, locale)}${NBSP}${unit}`;
  // The overlays belong to the data shown: the window the server answered for, the type it answered about.
  const shownType = vitals.data !== undefined && 'type' in vitals.data ? vitals.data.type : type;
  const limits = thresholds === undefined ? [] : chartLimits(thresholds, shownType);
  const shownAlerts =
    alerts === undefined || vitals.data === undefined
      ? []
      : chartAlerts(alerts, shownType, Date.parse(vitals.data.from), Date.parse(vitals.data.to));
  const overlayKey = `${limits.map((l) => `${l.ruleId}/${l.param}=${String(l.value)}`).join(',')}|${shownAlerts.map((a) => `${a.id}:${a.status}`).join(',')}`;

  useEffect(() => {
    const element = container.current;
    const response = vitals.data;
    if (element === null || response === undefined || view === undefined || data === undefined || data.x.length === 0) return;
    const bucketed = view.bands.length > 0;
    const from = Date.parse(response.from);
    const to = Date.parse(response.to);
    const labelKind = axisLabelKind(to - from);
    const names = type === 'blood_pressure' ? [t('params.systolic'), t('params.diastolic')] : [t(`vitals.${type}`)];
    const plot = new uPlot(
      {
        width: element.clientWidth,
        height: CHART_HEIGHT_PX,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), CLINIC_TIME_ZONE),
        scales: { x: { time: true, range: [from / 1000, to / 1000] }, y: { range: rangeWithLimits(limits) } },
        plugins: [limitsAndAlertsPlugin(limits, shownAlerts, pagePriorityColours(element))],
        axes: [
          {
            stroke: AXIS_STROKE,
            grid: { stroke: GRID_STROKE },
            values: (_u, splits) => splits.map((s) => (labelKind === 'time' ? formatHourMinute(s * 1000) : formatDayMonth(s * 1000))),
          },
          {
            stroke: AXIS_STROKE,
            grid: { stroke: GRID_STROKE },
            label: unit,
            size: 60,
            values: (_u, splits) => splits.map((v) => formatNumber(v, 2, numberLocale)),
          },
        ],
        series: [
          { label: t('trend.time'), value: (_u, v: number | null) => (v === null ? '—' : formatDateTime(v * 1000, intlLocale)) },
          ...names.map((label, i) => ({
            label,
            stroke: SERIES_STYLES[i]?.stroke ?? AXIS_STROKE,
            dash: SERIES_STYLES[i]?.dash ?? [],
            width: 2,
            points: { show: !bucketed, size: 5 },
            value: (_u: uPlot, v: number | null) => (v === null ? '—' : withUnit(v)),
          })),
          // each line's lowest and highest per bucket: no stroke of their own, only the band between them
          ...view.bands.flatMap((_band, i) =>
            (['↓', '↑'] as const).map((arrow) => ({
              label: `${names[i] ?? ''} ${arrow}`,
              stroke: 'transparent',
              width: 0,
              points: { show: false },
              value: (_u: uPlot, v: number | null) => (v === null ? '—' : withUnit(v)),
            })),
          ),
        ],
        // series: x, the lines, then (lowest, highest) per line; a band fills from highest down to lowest
        bands: view.bands.map((_band, i) => {
          const lowest = 1 + names.length + 2 * i;
          return { series: [lowest + 1, lowest] as [number, number], fill: SERIES_STYLES[i]?.band ?? GRID_STROKE };
        }),
      },
      [data.x, ...data.series, ...view.bands.flatMap((band) => [band.min, band.max])],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: CHART_HEIGHT_PX }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
    // Rebuilt when the data, the limits and alerts, or the language change; `data` is derived from vitals.data.
  }, [vitals.data, locale, overlayKey]);

  return (
    <Panel
      id="trend"
      title={t('trend.title')}
      class="trend"
      tools={
        <div class="trend__tools">
          <div class="field field--inline">
            <label for={`${ids}-type`}>{t('trend.vital')}</label>
            <select
              id={`${ids}-type`}
              value={type}
              onChange={(event) => {
                const chosen = VITAL_TYPES.find((v) => v === event.currentTarget.value);
                if (chosen !== undefined) onTypeChange(chosen);
              }}
            >
              {VITAL_TYPES.map((v) => (
                <option key={v} value={v}>
                  {t(`vitals.${v}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="segmented" role="group" aria-label={t('trend.range')}>
            {TREND_RANGES.map((r) => (
              <button key={r} type="button" class="segmented__option" aria-pressed={r === range} onClick={() => setRange(r)}>
                {t(`trend.ranges.${r}`)}
              </button>
            ))}
          </div>
        </div>
      }
    >
      <LoadState resource={vitals} />
      {data !== undefined && (
        <figure class="trend__figure">
          {data.x.length === 0 ? (
            <p class="panel__empty">{t('trend.empty')}</p>
          ) : (
            <div class="trend__chart" ref={container} aria-hidden="true" />
          )}
          {stats !== undefined && (
            <figcaption class="trend__summary">
              {t(`vitals.${type}`)}, {t(`trend.ranges.${range}`)}:{' '}
              {closeSentence(
                view?.interval === undefined
                  ? t('trend.summary', {
                      count: stats.count,
                      min: withUnit(stats.min),
                      max: withUnit(stats.max),
                      latest: withUnit(stats.latest),
                    })
                  : // downsampled: the last point is a bucket's mean, not a reading; say so, with the bucket's width
                    t('trend.summaryBucketed', {
                      count: stats.count,
                      min: withUnit(stats.min),
                      max: withUnit(stats.max),
                      latest: withUnit(stats.latest),
                      interval: formatDuration(VITALS_INTERVAL_MS[view.interval], t),
                    }),
              )}
            </figcaption>
          )}
          {data.x.length > 0 && (thresholds !== undefined || alerts !== undefined) && (
            <TrendLegend type={shownType} limits={limits} alerts={shownAlerts} withUnit={withUnit} />
          )}
        </figure>
      )}
    </Panel>
  );
}
