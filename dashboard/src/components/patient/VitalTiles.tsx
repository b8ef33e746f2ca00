import { VITAL_TYPES, type VitalsResponse, type VitalType } from '@rpm/contracts';
import type { Resource } from '../../app/use-resource.ts';
import { formatDataAge } from '../../format/data-age.ts';
import { formatDateTime } from '../../format/date-time.ts';
import { formatVitalAmount } from '../../format/vital-value.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { latestByType } from '../../patient/latest-readings.ts';
import { LoadState, Panel } from './Panel.tsx';

export interface VitalTilesProps {
  readonly vitals: Resource<VitalsResponse>;
  readonly now: number;
  /** the vital the trend chart shows */
  readonly selected: VitalType;
  readonly onSelect: (type: VitalType) => void;
}

/** The latest reading of each vital; a tile is a button that shows its trend. */
export function VitalTiles({ vitals, now, selected, onSelect }: VitalTilesProps) {
  const locale = useLocale();
  const { t, intlLocale } = locale;
  const latest = vitals.data === undefined ? undefined : latestByType(vitals.data.readings);
  return (
    <Panel id="vitals" title={t('vitalTiles.title')} class="vitals">
      <LoadState resource={vitals} />
      {latest !== undefined && (
        <ul class="tiles">
          {VITAL_TYPES.map((type) => {
            const reading = latest.get(type);
            return (
              <li key={type}>
                <button
                  type="button"
                  class={`tile${type === selected ? ' tile--selected' : ''}`}
                  aria-pressed={type === selected}
                  title={t('vitalTiles.showTrend')}
                  onClick={() => onSelect(type)}
                >
                  <span class="tile__name">{t(`vitals.${type}`)}</span>
                  {reading === undefined ? (
                    <span class="tile__none">{t('vitalTiles.none')}</span>
                  ) : (
                    <>
                      <span class="tile__value">
                        {formatVitalAmount(reading, locale)} <span class="tile__unit">{t(`units.${type}`)}</span>
                      </span>
                      <span class="tile__time">
                        <time dateTime={reading.at}>{formatDateTime(reading.at, intlLocale)}</time> ·{' '}
                        {formatDataAge(reading.at, now, locale)}
                      </span>
                    </>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
