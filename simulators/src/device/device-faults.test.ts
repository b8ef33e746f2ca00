import { describe, expect, it } from 'vitest';
import { decodeReadingsMessage } from '@rpm/contracts';
import { encodeReadingsMessage } from './encode-readings-message.ts';
import { malformedPayload } from './device-faults.ts';

const valid = (seq: number): string =>
  encodeReadingsMessage(
    seq,
    [
      { type: 'heart_rate', at: Date.parse('2026-03-01T08:00:00Z'), value: 72 },
      { type: 'blood_pressure', at: Date.parse('2026-03-01T08:00:00Z'), systolic: 120, diastolic: 80 },
    ],
    300,
  );

describe('malformedPayload (faulty firmware)', () => {
  it.each([
    { seq: 4, reason: 'PAYLOAD_NOT_JSON' },
    { seq: 5, reason: 'TIME_INVALID' },
    { seq: 6, reason: 'UNIT_UNSUPPORTED' },
    { seq: 7, reason: 'MESSAGE_INVALID' },
  ])('seq $seq: the gateway decoder refuses it ($reason)', ({ seq, reason }) => {
    const decoded = decodeReadingsMessage(Buffer.from(malformedPayload(seq, valid(seq))));
    const reasons = decoded.ok ? decoded.rejected.map((r) => r.reason) : [decoded.reason];
    expect(reasons).toContain(reason);
    if (decoded.ok) expect(decoded.accepted).toHaveLength(0);
  });
});
