import { describe, expect, it } from 'vitest';
import type { PassportEntry } from '@rpm/contracts';
import { entryFields, formatDay } from './passport-fields.ts';

const meta = {
  entryId: '33333333-3333-4333-8333-333333333333',
  version: 2,
  recordedAt: '2025-11-23T09:00:00.000Z',
  recordedBy: '22222222-2222-4222-8222-222222222222',
  recordedByName: 'Dr A',
  firstRecordedAt: '2025-11-01T09:00:00.000Z',
};

describe('passport fields', () => {
  it.each([
    { day: '2024-03-05', expected: '05.03.2024' },
    { day: 'not a day', expected: 'not a day' },
  ])('formatDay($day) → $expected', ({ day, expected }) => {
    expect(formatDay(day)).toBe(expected);
  });

  it('lists the fields with a value in display order, dates as DD.MM.YYYY and flags as flags', () => {
    const entry: PassportEntry = {
      section: 'hospitalisation',
      data: { hospital: 'City hospital 1', planned: false, admittedOn: '2025-10-01', dischargedOn: '2025-10-09' },
      ...meta,
    };
    expect(entryFields(entry)).toEqual([
      { field: 'hospital', value: { kind: 'text', text: 'City hospital 1' } },
      { field: 'planned', value: { kind: 'flag', value: false } },
      { field: 'admittedOn', value: { kind: 'text', text: '01.10.2025' } },
      { field: 'dischargedOn', value: { kind: 'text', text: '09.10.2025' } },
    ]);
  });
});
