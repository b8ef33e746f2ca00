import type { RosterEntry } from '@rpm/contracts';

/** A roster entry for tests: patient `n`, nothing open, NEWS2 0, one online device that read a minute ago. */
export function rosterFixture(n: number, overrides: Partial<RosterEntry> = {}, now = Date.parse('2025-11-23T09:00:00.000Z')): RosterEntry {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    name: `Patient ${n}`,
    programs: [],
    openAlerts: { high: 0, medium: 0, low: 0 },
    highestOpenPriority: null,
    news2: { score: 0, risk: 'low', partial: false },
    lastReadingAt: new Date(now - 60_000).toISOString(),
    devices: { total: 1, online: 1, silentSinceMs: now - 60_000 },
    ...overrides,
  };
}
