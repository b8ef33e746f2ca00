import { VITALS, type VitalPoint, type VitalType } from '@rpm/contracts';
import type { Locale } from '../i18n/index.ts';
import { formatNumber } from './number.ts';

/** between a number and its unit, so they never wrap apart */
const NBSP = '\u00a0';

/** A number of a vital in the locale's notation with the catalogue's decimals: "37,25" (ru), "88" (SpO2). */
export function formatVitalNumber(type: VitalType, value: number, locale: Locale): string {
  return formatNumber(value, VITALS[type].decimals, locale.numberLocale);
}

/** The reading without its unit: "120/80", "37,2"; "—" when the point lacks its value. */
export function formatVitalAmount(point: Pick<VitalPoint, 'type' | 'value' | 'systolic' | 'diastolic'>, locale: Locale): string {
  if (point.type === 'blood_pressure') {
    if (point.systolic === undefined || point.diastolic === undefined) return '—';
    return `${formatVitalNumber(point.type, point.systolic, locale)}/${formatVitalNumber(point.type, point.diastolic, locale)}`;
  }
  return point.value === undefined ? '—' : formatVitalNumber(point.type, point.value, locale);
}

/** "120/80 mmHg", "37,2 °C", "88 %" (units in the reader's language; SI as in the contracts' catalogue). */
export function formatVitalPoint(point: Pick<VitalPoint, 'type' | 'value' | 'systolic' | 'diastolic'>, locale: Locale): string {
  const amount = formatVitalAmount(point, locale);
  return amount === '—' ? amount : `${amount}${NBSP}${locale.t(`units.${point.type}`)}`;
}
