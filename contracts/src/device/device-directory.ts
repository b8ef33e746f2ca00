import type { RejectionReason } from './rejection-reasons.ts';

/**
 * What the gateway needs to know about a device, and what it reports back. The records live in the platform's
 * database (server/); the gateway reaches them through a DeviceDirectory port, in-process by default.
 */
export interface DeviceIdentity {
  readonly deviceId: string;
  readonly patientId: string;
  /** epoch ms: readings measured before this are refused */
  readonly registeredAt: number;
}

export interface DeviceStatusUpdate {
  readonly deviceId: string;
  /** gateway time of the message, epoch ms */
  readonly at: number;
  readonly online?: boolean;
  readonly battery?: number;
  readonly firmware?: string;
  readonly model?: string;
  /** device clock minus gateway clock, ms */
  readonly clockOffsetMs?: number;
}

/** A refused message or reading, kept for ops with its reason. */
export interface QuarantineEntry {
  /** undefined when the client never authenticated */
  readonly deviceId: string | undefined;
  readonly topic: string;
  readonly reason: RejectionReason;
  readonly detail: string;
  /** first bytes of the payload, for diagnosis (bounded; never the device secret) */
  readonly payloadPrefix: string;
  /** position of the refused reading in its message, when only one reading was refused */
  readonly readingIndex?: number;
  readonly seq?: number;
  /** epoch ms */
  readonly at: number;
}
