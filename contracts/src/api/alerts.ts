import { z } from 'zod';
import { ALERT_PRIORITIES, ALERT_STATUSES, alertSchema } from '../alerts/alert.ts';

export const alertsQuerySchema = z.object({
  /** default: open and acknowledged (everything not resolved) */
  status: z.enum([...ALERT_STATUSES, 'active', 'all']).default('active'),
  patientId: z.uuid().optional(),
  priority: z.enum(ALERT_PRIORITIES).optional(),
  /** a user id, or `me` */
  assignedTo: z.union([z.uuid(), z.literal('me')]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const alertsResponseSchema = z.object({ alerts: z.array(alertSchema) });
export type AlertsResponse = z.infer<typeof alertsResponseSchema>;

export const resolveAlertRequestSchema = z.object({ note: z.string().trim().min(1).max(2000) });
export const assignAlertRequestSchema = z.object({ userId: z.uuid() });
export const snoozeAlertRequestSchema = z.object({
  /** minutes, up to 24 hours */
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  reason: z.string().trim().max(500).optional(),
});
