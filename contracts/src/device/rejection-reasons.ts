/**
 * Why the gateway refused a message or a reading. Stable codes: devices, ops and the quarantine API use them.
 * A message-level reason refuses the whole message; a reading-level reason refuses only that reading (the other
 * readings of the same upload are kept).
 */
export const REJECTION_REASONS = {
  // message level
  TOPIC_INVALID: 'The topic is not rpm/v1/devices/{ownDeviceId}/readings|status',
  RETAIN_REFUSED: 'Retained publishes are not accepted',
  PAYLOAD_TOO_LARGE: 'The payload exceeds the maximum message size',
  PAYLOAD_NOT_JSON: 'The payload is not valid UTF-8 JSON',
  MESSAGE_INVALID: 'The message does not match the protocol v1 schema',
  SEQ_INVALID: 'seq must be a non-negative safe integer',
  TOO_MANY_READINGS: 'The message carries more readings than one message may',
  // reading level
  READING_INVALID: 'The reading does not match the schema of its type',
  TYPE_UNKNOWN: 'The reading type is not in the vital-sign catalogue',
  UNIT_UNSUPPORTED: 'The unit is not accepted for this reading type',
  UNIT_SUSPECT: 'The value is implausible in the stated unit but plausible in another: the unit label is probably wrong',
  VALUE_NOT_FINITE: 'The value is not a finite number',
  VALUE_OUT_OF_RANGE: 'The value is outside the physiologically plausible range',
  TIME_INVALID: 'at must be an ISO 8601 date-time with a UTC offset',
  TIME_IN_FUTURE: 'The measurement time is too far in the future',
  TIME_BEFORE_REGISTRATION: 'The measurement time is before the device was registered',
} as const;

export type RejectionReason = keyof typeof REJECTION_REASONS;

export interface Rejection {
  readonly reason: RejectionReason;
  /** Human-readable detail: which field, which value. Never contains secrets. */
  readonly detail: string;
}
