import type { AlertPriority, ProgrammeId, RosterEntry } from '@rpm/contracts';

/** No reading for longer than this and the patient's devices are called silent (issue #6: 24 h). */
export const SILENT_AFTER_MS = 24 * 3_600_000;

const PRIORITY_RANK: Readonly<Record<AlertPriority, number>> = { high: 3, medium: 2, low: 1 };

const rank = (entry: RosterEntry): number => (entry.highestOpenPriority === null ? 0 : PRIORITY_RANK[entry.highestOpenPriority]);
const openCount = (entry: RosterEntry): number => entry.openAlerts.high + entry.openAlerts.medium + entry.openAlerts.low;
/** ms since the last reading; a patient never heard from is the most silent of all */
const silence = (entry: RosterEntry, now: number): number =>
  entry.lastReadingAt === null ? Number.POSITIVE_INFINITY : now - Date.parse(entry.lastReadingAt);

/**
 * Riskiest first: the highest open alert priority, then the number of open alerts, then the NEWS2 score, then the
 * longest time since the last reading; the name breaks ties so the order is stable.
 */
export function sortRoster(entries: readonly RosterEntry[], now: number, collator: Intl.Collator): RosterEntry[] {
  return [...entries].sort(
    (a, b) =>
      rank(b) - rank(a) ||
      openCount(b) - openCount(a) ||
      b.news2.score - a.news2.score ||
      compareSilence(silence(a, now), silence(b, now)) ||
      collator.compare(a.name, b.name),
  );
}

function compareSilence(a: number, b: number): number {
  if (a === b) return 0;
  return a > b ? -1 : 1;
}

/** Patients enrolled in the programme; everyone when `programme` is undefined. */
export function filterByProgramme(entries: readonly RosterEntry[], programme: ProgrammeId | undefined): RosterEntry[] {
  return programme === undefined ? [...entries] : entries.filter((entry) => entry.programs.includes(programme));
}

/** The patient's devices have sent nothing for longer than SILENT_AFTER_MS. */
export function isSilent(entry: RosterEntry, now: number): boolean {
  return entry.devices.silentSinceMs !== null && now - entry.devices.silentSinceMs > SILENT_AFTER_MS;
}

/** Active devices without a connection. */
export function offlineDevices(entry: RosterEntry): number {
  return Math.max(0, entry.devices.total - entry.devices.online);
}
