import { z } from 'zod';
import { ALERT_STATUSES, alertSchema } from '../alerts/alert.ts';

export const alertsQuerySchema = z.object({
  /** default: open and acknowledged (everything not resolved) */
  status: z.enum([...ALERT_STATUSES, 'active', 'all']).default('active'),
  patientId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const alertsResponseSchema = z.object({ alerts: z.array(alertSchema) });
export type AlertsResponse = z.infer<typeof alertsResponseSchema>;
