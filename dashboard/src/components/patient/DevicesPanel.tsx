import type { Device } from '@rpm/contracts';
import type { Resource } from '../../app/use-resource.ts';
import { formatDataAge } from '../../format/data-age.ts';
import { formatDateTime } from '../../format/date-time.ts';
import { formatNumber } from '../../format/number.ts';
import { useLocale } from '../../i18n/locale-context.ts';
import { formatClockOffset, isBatteryLow } from '../../patient/device-status.ts';
import { LoadState, Panel } from './Panel.tsx';

export interface DevicesPanelProps {
  readonly devices: Resource<Device[]>;
  readonly now: number;
}

/** The patient's home devices: connection, last contact, battery and clock. */
export function DevicesPanel({ devices, now }: DevicesPanelProps) {
  const locale = useLocale();
  const { t, intlLocale, numberLocale } = locale;
  const list = devices.data;
  return (
    <Panel id="devices" title={t('devices.title')} class="devices">
      <LoadState resource={devices} />
      {list !== undefined && list.length === 0 && <p class="panel__empty">{t('devices.none')}</p>}
      {list !== undefined && list.length > 0 && (
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('devices.device')}</th>
                <th scope="col">{t('devices.connection')}</th>
                <th scope="col">{t('devices.lastSeen')}</th>
                <th scope="col" class="table__number">
                  {t('devices.battery')}
                </th>
                <th scope="col">{t('devices.clock')}</th>
                <th scope="col">{t('devices.firmware')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((device) => {
                const state = !device.active ? 'inactive' : device.online ? 'online' : 'offline';
                const low = isBatteryLow(device.battery);
                return (
                  <tr key={device.deviceId}>
                    <th scope="row">
                      <span class="devices__id">{device.deviceId}</span>
                      {device.model !== null && <span class="table__sub">{device.model}</span>}
                    </th>
                    <td>
                      <span class={`device-state device-state--${state}`}>
                        <span class="device-state__dot" aria-hidden="true" />
                        {t(`devices.${state}`)}
                      </span>
                    </td>
                    <td>
                      {device.lastSeenAt === null ? (
                        t('devices.never')
                      ) : (
                        <>
                          <time dateTime={device.lastSeenAt}>{formatDateTime(device.lastSeenAt, intlLocale)}</time>
                          <span class="table__sub">{formatDataAge(device.lastSeenAt, now, locale)}</span>
                        </>
                      )}
                    </td>
                    <td class="table__number">
                      {device.battery === null ? (
                        <span class="muted">{t('devices.unknown')}</span>
                      ) : (
                        <span class={low ? 'devices__battery--low' : ''}>
                          {formatNumber(device.battery, 0, numberLocale)}
                          {'\u00a0%'}
                          {low && ` · ${t('devices.batteryLow')}`}
                        </span>
                      )}
                    </td>
                    <td>{formatClockOffset(device.clockOffsetMs, t) ?? <span class="muted">{t('devices.unknown')}</span>}</td>
                    <td>{device.firmware ?? <span class="muted">{t('devices.unknown')}</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
