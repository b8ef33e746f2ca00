import type { CanonicalReading } from '../readings/canonical-reading.ts';
import { normaliseReading } from './normalise-reading.ts';
import { PROTOCOL_LIMITS, readingsMessageSchema } from './readings-message.ts';
import type { Rejection } from './rejection-reasons.ts';

export interface ReadingRejection extends Rejection {
  /** position of the reading in the message */
  readonly index: number;
}

export type DecodeResult =
  | {
      readonly ok: true;
      readonly seq: number;
      readonly accepted: readonly CanonicalReading[];
      readonly rejected: readonly ReadingRejection[];
    }
  | ({ readonly ok: false } & Rejection);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a readings message: UTF-8 → JSON → envelope → each reading. A broken envelope refuses the whole message;
 * a bad reading refuses only itself, so one faulty reading does not cost hours of stored-and-forwarded data.
 */
export function decodeReadingsMessage(payload: Uint8Array): DecodeResult {
  if (payload.byteLength > PROTOCOL_LIMITS.maxPacketBytes) {
    return { ok: false, reason: 'PAYLOAD_TOO_LARGE', detail: `${payload.byteLength} bytes > ${PROTOCOL_LIMITS.maxPacketBytes}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(payload));
  } catch (error) {
    return { ok: false, reason: 'PAYLOAD_NOT_JSON', detail: error instanceof Error ? error.message.slice(0, 120) : 'unparseable' };
  }
  if (typeof json === 'object' && json !== null && 'seq' in json) {
    const seq = json.seq;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
      return { ok: false, reason: 'SEQ_INVALID', detail: `seq ${String(seq).slice(0, 40)}` };
    }
  }
  if (typeof json === 'object' && json !== null && Array.isArray((json as { readings?: unknown }).readings)) {
    const count = (json as { readings: unknown[] }).readings.length;
    if (count > PROTOCOL_LIMITS.maxReadingsPerMessage) {
      return { ok: false, reason: 'TOO_MANY_READINGS', detail: `${count} readings > ${PROTOCOL_LIMITS.maxReadingsPerMessage}` };
    }
  }
  const envelope = readingsMessageSchema.safeParse(json);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    return { ok: false, reason: 'MESSAGE_INVALID', detail: `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}` };
  }
  const accepted: CanonicalReading[] = [];
  const rejected: ReadingRejection[] = [];
  envelope.data.readings.forEach((raw, index) => {
    const result = normaliseReading(raw);
    if (result.ok) accepted.push(result.reading);
    else rejected.push({ index, reason: result.reason, detail: result.detail });
  });
  return { ok: true, seq: envelope.data.seq, accepted, rejected };
}
