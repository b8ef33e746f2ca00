import { z } from 'zod';
import { REJECTION_REASONS, type RejectionReason } from '../device/rejection-reasons.ts';

const reasons = Object.keys(REJECTION_REASONS) as [RejectionReason, ...RejectionReason[]];

/** A refused device message or reading (GET /api/v1/quarantine). */
export const quarantineEntrySchema = z.object({
  deviceId: z.string().optional(),
  topic: z.string(),
  reason: z.enum(reasons),
  detail: z.string(),
  payloadPrefix: z.string(),
  readingIndex: z.number().int().optional(),
  seq: z.number().int().optional(),
  /** epoch ms */
  at: z.number(),
});

/** A reading InfluxDB refused for good, set aside with its answer (GET /api/v1/dead-letters, admin only). */
export const deadLetterSchema = z.object({
  id: z.number().int(),
  deviceId: z.string(),
  patientId: z.string(),
  seq: z.number().int(),
  reading: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  error: z.string(),
  /** epoch ms */
  at: z.number(),
});
export type DeadLetterDto = z.infer<typeof deadLetterSchema>;
