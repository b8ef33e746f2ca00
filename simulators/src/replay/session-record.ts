import { deviceTopics } from '@rpm/contracts';
import type { AcknowledgedMessage } from '../device/simulated-device-options.ts';

/**
 * One line of a recorded session (`run --record`): a readings message the broker acknowledged, exactly as it went
 * on the wire. Only acknowledged messages are kept, so replaying a recording unchanged sends only what the platform
 * already stored: every message must come back as a duplicate.
 */
export interface SessionRecord {
  readonly deviceId: string;
  readonly topic: string;
  readonly seq: number;
  /** when the device first handed it to MQTT, ISO 8601 UTC (real time; the measurement times are in the payload) */
  readonly sentAt: string;
  /** the payload as published, byte for byte (a malformed one from the faulty-firmware scenario included) */
  readonly payload: string;
}

export function toSessionRecord(message: AcknowledgedMessage): SessionRecord {
  return {
    deviceId: message.deviceId,
    topic: message.topic,
    seq: message.seq,
    sentAt: new Date(message.sentAtMs).toISOString(),
    payload: message.payload,
  };
}

/** One JSON line (no newline). */
export function formatSessionRecord(record: SessionRecord): string {
  return JSON.stringify(record);
}

/** Parses a recording: every record, or every problem with its line number. Blank lines are skipped. */
export function parseSessionRecords(text: string): { ok: true; records: SessionRecord[] } | { ok: false; problems: string[] } {
  const records: SessionRecord[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const problem = recordProblem(line);
    if (typeof problem === 'string') problems.push(`line ${i + 1}: ${problem}`);
    else records.push(problem);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, records };
}

function recordProblem(line: string): SessionRecord | string {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'not an object';
  const r = json as Record<string, unknown>;
  const { deviceId, topic, seq, sentAt, payload } = r;
  if (typeof deviceId !== 'string' || deviceId === '') return 'deviceId must be a non-empty string';
  if (typeof topic !== 'string' || topic !== deviceTopics.readings(deviceId))
    return `topic must be the device's readings topic ${deviceTopics.readings(deviceId)}`;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return 'seq must be a non-negative integer';
  if (typeof sentAt !== 'string' || Number.isNaN(Date.parse(sentAt))) return 'sentAt must be an ISO 8601 time';
  if (typeof payload !== 'string') return 'payload must be a string';
  return { deviceId, topic, seq, sentAt, payload };
}
