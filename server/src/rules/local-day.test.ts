import { describe, expect, it } from 'vitest';
import { ALMATY_UTC_OFFSET_MS, localDay, morningDay } from './local-day.ts';

describe('local day arithmetic (Asia/Almaty, UTC+5, no DST since 2024-03-01)', () => {
  it.each([
    // [UTC ISO time, local time in Almaty, is a morning]
    ['2025-01-05T22:59:59Z', '03:59:59', false],
    ['2025-01-05T23:00:00Z', '04:00:00', true],
    ['2025-01-06T05:59:59Z', '10:59:59', true],
    ['2025-01-06T06:00:00Z', '11:00:00', false],
    ['2025-07-15T02:30:00Z', '07:30:00', true],
  ])('%s is %s local (morning: %s)', (iso, _local, isMorning) => {
    const at = Date.parse(iso);
    // the same calendar day as Intl reports for Asia/Almaty
    const expectedDay = Date.parse(`${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(at)}T00:00:00Z`) / 86_400_000;
    expect(localDay(at, ALMATY_UTC_OFFSET_MS)).toBe(expectedDay);
    expect(morningDay(at, ALMATY_UTC_OFFSET_MS)).toBe(isMorning ? expectedDay : -1);
  });
});
