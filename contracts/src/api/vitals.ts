import { z } from 'zod';
import { VITAL_TYPES } from '../vitals/catalogue.ts';

export const vitalsQuerySchema = z.object({
  type: z.enum(VITAL_TYPES).optional(),
  /** ISO 8601; default: 24 hours before `to` */
  from: z.iso.datetime({ offset: true }).optional(),
  /** ISO 8601; default: now */
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
});
export type VitalsQuery = z.infer<typeof vitalsQuerySchema>;

export const vitalPointSchema = z.object({
  type: z.enum(VITAL_TYPES),
  /** measurement time */
  at: z.iso.datetime(),
  /** canonical UCUM unit */
  unit: z.string(),
  value: z.number().optional(),
  systolic: z.number().optional(),
  diastolic: z.number().optional(),
  onOxygen: z.boolean().optional(),
  deviceId: z.string(),
  receivedAt: z.iso.datetime().optional(),
});
export type VitalPoint = z.infer<typeof vitalPointSchema>;

export const vitalsResponseSchema = z.object({
  patientId: z.uuid(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  readings: z.array(vitalPointSchema),
});
export type VitalsResponse = z.infer<typeof vitalsResponseSchema>;
