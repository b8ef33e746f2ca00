import { appendFileSync, closeSync, fchmodSync, openSync, readFileSync } from 'node:fs';
import { SimulatorError } from '../errors.ts';
import { SECRET_FILE_MODE } from '../fleet/fleet-file.ts';
import { formatSessionRecord, parseSessionRecords, type SessionRecord } from './session-record.ts';

/**
 * A recording being written (`run --record FILE`): JSON lines, appended as each PUBACK arrives, so a crashed run
 * leaves what it sent so far. Mode 0600: the payloads are patients' readings.
 */
export class JsonLinesSessionRecording {
  readonly path: string;
  private fd: number | undefined;
  count = 0;

  constructor(path: string) {
    this.path = path;
  }

  /** Creates (or empties) the file. */
  open(): void {
    this.fd = openSync(this.path, 'w', SECRET_FILE_MODE);
    fchmodSync(this.fd, SECRET_FILE_MODE); // the mode of openSync applies only to a file it creates
  }

  write(record: SessionRecord): void {
    if (this.fd === undefined) return;
    appendFileSync(this.fd, `${formatSessionRecord(record)}\n`);
    this.count++;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

export function readSessionRecording(path: string): SessionRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SimulatorError('SIM_FILE_INVALID', `cannot read the recording ${path}: ${(error as Error).message}`);
  }
  const parsed = parseSessionRecords(text);
  if (!parsed.ok) {
    const more = parsed.problems.length > 5 ? ` (and ${parsed.problems.length - 5} more)` : '';
    throw new SimulatorError('SIM_FILE_INVALID', `${path} is not a session recording: ${parsed.problems.slice(0, 5).join('; ')}${more}`);
  }
  return parsed.records;
}
