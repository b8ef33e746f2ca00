import { describe, expect, it } from 'vitest';
import { rosterFixture } from './roster-fixture.ts';
import { filterByProgramme, isSilent, offlineDevices, sortRoster } from './sort-roster.ts';

const NOW = Date.parse('2025-11-23T09:00:00.000Z');
const HOUR = 3_600_000;
const collator = new Intl.Collator('en');
const names = (entries: { name: string }[]): string[] => entries.map((e) => e.name);

describe('sortRoster', () => {
  it('puts open alerts first, highest priority before count, then NEWS2, then the longest silence', () => {
    const entries = [
      rosterFixture(1, { name: 'quiet' }),
      rosterFixture(2, { name: 'news2 5', news2: { score: 5, risk: 'medium', partial: false } }),
      rosterFixture(3, { name: 'two low', openAlerts: { high: 0, medium: 0, low: 2 }, highestOpenPriority: 'low' }),
      rosterFixture(4, { name: 'one high', openAlerts: { high: 1, medium: 0, low: 0 }, highestOpenPriority: 'high' }),
      rosterFixture(5, { name: 'one medium', openAlerts: { high: 0, medium: 1, low: 0 }, highestOpenPriority: 'medium' }),
      rosterFixture(6, { name: 'three medium', openAlerts: { high: 0, medium: 2, low: 1 }, highestOpenPriority: 'medium' }),
      rosterFixture(7, { name: 'silent 30 h', lastReadingAt: new Date(NOW - 30 * HOUR).toISOString() }),
      rosterFixture(8, { name: 'never read', lastReadingAt: null }),
    ];
    expect(names(sortRoster(entries, NOW, collator))).toEqual([
      'one high',
      'three medium',
      'one medium',
      'two low',
      'news2 5',
      'never read',
      'silent 30 h',
      'quiet',
    ]);
  });

  it('breaks full ties by name and does not change its input', () => {
    const entries = [rosterFixture(2, { name: 'B' }), rosterFixture(1, { name: 'A' })];
    expect(names(sortRoster(entries, NOW, collator))).toEqual(['A', 'B']);
    expect(names(entries)).toEqual(['B', 'A']);
  });
});

describe('roster flags', () => {
  it.each([
    { silentSinceMs: NOW - 23 * HOUR, silent: false },
    { silentSinceMs: NOW - 25 * HOUR, silent: true },
    { silentSinceMs: null, silent: false },
  ])('silent since $silentSinceMs → $silent', ({ silentSinceMs, silent }) => {
    expect(isSilent(rosterFixture(1, { devices: { total: 1, online: 0, silentSinceMs } }), NOW)).toBe(silent);
  });

  it('counts offline devices', () => {
    expect(offlineDevices(rosterFixture(1, { devices: { total: 3, online: 1, silentSinceMs: NOW } }))).toBe(2);
  });

  it('filters by programme', () => {
    const entries = [rosterFixture(1, { programs: ['copd'] }), rosterFixture(2, { programs: ['diabetes', 'hypertension'] })];
    expect(names(filterByProgramme(entries, 'diabetes'))).toEqual(['Patient 2']);
    expect(filterByProgramme(entries, undefined)).toHaveLength(2);
  });
});
