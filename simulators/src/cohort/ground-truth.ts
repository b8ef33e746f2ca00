import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import type { ProgrammeId } from '@rpm/contracts';
import type { ScenarioId, ScenarioSpec } from './scenario-catalogue.ts';

/**
 * The ground-truth log of a cohort run: JSON lines, one record each. `run` first, one `patient` per enrolled
 * patient, an `event` when the simulated clock passes a scenario's onset (so only injected events are listed),
 * and `end` when the run stops. Times are ISO 8601: `…At` in simulated time, `…WallAt` in real time.
 */
export type TruthRecord =
  | {
      readonly type: 'run';
      readonly seed: number;
      readonly simStartAt: string;
      readonly speed: number;
      readonly days: number;
      readonly wallStartAt: string;
    }
  | {
      readonly type: 'patient';
      readonly patientId: string;
      readonly deviceId: string;
      readonly index: number;
      readonly scenario: ScenarioId;
      readonly programme: ProgrammeId;
    }
  | {
      readonly type: 'event';
      readonly patientId: string;
      readonly deviceId: string;
      readonly scenario: ScenarioId;
      readonly kind: ScenarioSpec['kind'];
      readonly programme: ProgrammeId;
      readonly onsetAt: string;
      readonly onsetWallAt: string;
      readonly endAt: string;
      readonly expectedRuleIds: readonly string[];
      readonly relatedRuleIds: readonly string[];
    }
  | { readonly type: 'end'; readonly simEndAt: string; readonly wallEndAt: string };

export type EventRecord = Extract<TruthRecord, { type: 'event' }>;

/** Where truth records go: a file for the CLI, an array in tests. */
export interface TruthSink {
  write(record: TruthRecord): void;
}

/** Appends each record to a JSON-lines file at once, so a crashed run still leaves its truth so far. */
export class JsonLinesTruthFile implements TruthSink {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
    writeFileSync(path, '');
  }

  write(record: TruthRecord): void {
    appendFileSync(this.path, `${JSON.stringify(record)}\n`);
  }
}

const TYPES = new Set(['run', 'patient', 'event', 'end']);

/** Parses a truth file's text; a line that is not a record is reported by its number. */
export function parseTruth(text: string): { records: TruthRecord[]; problems: string[] } {
  const records: TruthRecord[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const value = JSON.parse(line) as unknown;
      if (typeof value === 'object' && value !== null && TYPES.has(String((value as { type?: unknown }).type))) {
        records.push(value as TruthRecord);
      } else problems.push(`line ${i + 1}: not a truth record`);
    } catch {
      problems.push(`line ${i + 1}: not JSON`);
    }
  });
  return { records, problems };
}

export function readTruthFile(path: string): { records: TruthRecord[]; problems: string[] } {
  return parseTruth(readFileSync(path, 'utf8'));
}
