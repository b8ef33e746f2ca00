import { formatDeviceTime } from '../device/format-device-time.ts';
import type { SessionRecord } from './session-record.ts';

/** A time with its UTC offset as devices write it ("…+05:00", or "Z"); one without is left alone (the gateway refuses it). */
const OFFSET = /(Z|([+-])(\d\d):(\d\d))$/;

export interface ShiftedSession {
  readonly records: SessionRecord[];
  /** how far every measurement time moved, ms (0 when no payload had a time to move) */
  readonly shiftMs: number;
  /** payloads sent as recorded because they are not a readings message (faulty firmware): neither seq nor times moved */
  readonly unchanged: number;
}

/**
 * Makes a recording a fresh upload (`replay --shift-to-now`): every measurement time moves by the same amount so the
 * newest is `nowMs` (the session keeps its shape across devices), and each device's messages are renumbered, in
 * their recorded order, after its last seq — the highest of `lastSeqOf(device)` and the recording's own.
 */
export function shiftSessionToNow(
  records: readonly SessionRecord[],
  nowMs: number,
  lastSeqOf: (deviceId: string) => number | undefined = () => undefined,
): ShiftedSession {
  const parsed = records.map((r) => ({ record: r, message: readingsMessage(r.payload) }));
  const times = parsed.flatMap(({ message }) => message?.readings.map((reading) => timeOf(reading)).filter((t) => t !== undefined) ?? []);
  const shiftMs = times.length === 0 ? 0 : nowMs - Math.max(...times.map((t) => t.ms));

  const nextSeq = new Map<string, number>();
  for (const { deviceId, seq } of records) {
    const last = Math.max(nextSeq.get(deviceId) ?? 0, seq + 1, (lastSeqOf(deviceId) ?? -1) + 1);
    nextSeq.set(deviceId, last);
  }
  const order = [...parsed].sort((a, b) => a.record.seq - b.record.seq);
  const renumbered = new Map<SessionRecord, number>();
  for (const { record } of order) {
    const seq = nextSeq.get(record.deviceId) ?? 0;
    renumbered.set(record, seq);
    nextSeq.set(record.deviceId, seq + 1);
  }

  let unchanged = 0;
  const shifted = parsed.map(({ record, message }): SessionRecord => {
    const seq = renumbered.get(record) ?? record.seq;
    if (message === undefined) {
      unchanged++;
      return { ...record, seq };
    }
    const readings = message.readings.map((reading) => {
      const time = timeOf(reading);
      return time === undefined ? reading : { ...(reading as object), at: formatDeviceTime(time.ms + shiftMs, time.offsetMinutes) };
    });
    return { ...record, seq, payload: JSON.stringify({ ...message, seq, readings }) };
  });
  return { records: shifted, shiftMs, unchanged };
}

/** The payload as a readings message `{seq, readings: [...]}`, or undefined for anything else. */
function readingsMessage(payload: string): { seq: number; readings: unknown[] } | undefined {
  try {
    const json = JSON.parse(payload) as unknown;
    if (typeof json !== 'object' || json === null) return undefined;
    const { seq, readings } = json as { seq?: unknown; readings?: unknown };
    return typeof seq === 'number' && Array.isArray(readings) ? (json as { seq: number; readings: unknown[] }) : undefined;
  } catch {
    return undefined;
  }
}

function timeOf(reading: unknown): { ms: number; offsetMinutes: number } | undefined {
  const at = typeof reading === 'object' && reading !== null ? (reading as { at?: unknown }).at : undefined;
  if (typeof at !== 'string') return undefined;
  const match = OFFSET.exec(at);
  const ms = Date.parse(at);
  if (match === null || Number.isNaN(ms)) return undefined;
  const [, , sign, hours, minutes] = match;
  const offsetMinutes = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  return { ms, offsetMinutes };
}
