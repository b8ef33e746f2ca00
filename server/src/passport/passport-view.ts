import type { Passport, PassportData, PassportEntry, PassportSection, PassportVersion } from '@rpm/contracts';
import type { PassportEntriesTable } from '../db/schema.ts';

/** A stored version with its author's name, as the store reads it. */
export type PassportRow = Required<Omit<PassportEntriesTable, 'id'>> & { id: number; recorded_by_name: string };

export function toVersion(row: PassportRow): PassportVersion {
  return {
    entryId: row.entry_id,
    version: row.id,
    section: row.section,
    change: row.change,
    data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
    supersedes: row.supersedes,
    reason: row.reason,
    recordedAt: new Date(row.recorded_at).toISOString(),
    recordedBy: row.recorded_by,
    recordedByName: row.recorded_by_name,
  };
}

type AnyEntry = { [S in PassportSection]: PassportEntry<S> }[PassportSection];

/**
 * The passport in force from the current versions (those nobody superseded), oldest entry first: ended entries are
 * left out; `firstRecordedAt` is when each entry's first version was recorded.
 */
export function toPassport(patientId: string, current: readonly PassportRow[], firstRecordedAt: ReadonlyMap<string, number>): Passport {
  const entries: AnyEntry[] = current
    .filter((row) => row.change !== 'ended' && row.data !== null)
    .map((row) => {
      const v = toVersion(row);
      return {
        section: row.section,
        data: v.data as PassportData,
        entryId: v.entryId,
        version: v.version,
        recordedAt: v.recordedAt,
        recordedBy: v.recordedBy,
        recordedByName: v.recordedByName,
        firstRecordedAt: new Date(firstRecordedAt.get(row.entry_id) ?? row.recorded_at).toISOString(),
      } as AnyEntry;
    })
    .sort((a, b) => a.firstRecordedAt.localeCompare(b.firstRecordedAt) || a.version - b.version);
  const of = <S extends PassportSection>(section: S): PassportEntry<S>[] =>
    entries.filter((e): e is PassportEntry<S> & AnyEntry => e.section === section);
  return {
    patientId,
    // at most one is current (SINGLE_ENTRY_SECTIONS); the newest wins should an old database hold two
    registration: of('registration').at(-1) ?? null,
    diagnoses: of('diagnosis'),
    prescriptions: of('prescription'),
    hospitalisations: of('hospitalisation'),
    sickLeaves: of('sick_leave'),
    dispensary: of('dispensary'),
    entitlements: of('entitlement'),
  };
}
