import type { Translate } from '../i18n/translations.ts';
import { formatDuration } from '../format/duration.ts';

/** Below this the clock is called correct: status messages and the gateway's clock are a few seconds apart anyway. */
const CLOCK_TOLERANCE_MS = 60_000;
/** device_battery_low's default limit (server/src/rules/rule-library.ts, project choice) */
export const BATTERY_LOW_PERCENT = 20;

/** The device clock against the gateway's: "correct", "7 min ahead", "1 h 5 min behind"; `undefined` when unknown. */
export function formatClockOffset(offsetMs: number | null, t: Translate): string | undefined {
  if (offsetMs === null) return undefined;
  if (Math.abs(offsetMs) < CLOCK_TOLERANCE_MS) return t('devices.clockOk');
  const duration = formatDuration(Math.abs(offsetMs), t);
  return offsetMs > 0 ? t('devices.clockAhead', { duration }) : t('devices.clockBehind', { duration });
}

export function isBatteryLow(battery: number | null): boolean {
  return battery !== null && battery < BATTERY_LOW_PERCENT;
}
