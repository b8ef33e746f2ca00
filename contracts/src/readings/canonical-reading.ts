import { z } from 'zod';
import type { ScalarVitalType } from '../vitals/catalogue.ts';

/** A reading after validation and unit normalisation: canonical UCUM unit, measurement time in epoch ms. */
export type CanonicalReading =
  | {
      readonly type: ScalarVitalType;
      /** measurement time, epoch milliseconds */
      readonly at: number;
      readonly value: number;
      /** spo2 only: on supplemental oxygen */
      readonly onOxygen?: boolean;
    }
  | {
      readonly type: 'blood_pressure';
      readonly at: number;
      readonly systolic: number;
      readonly diastolic: number;
      readonly pulse?: number;
    };

/**
 * An accepted reading as the gateway hands it on to the rules (in-process bus, or an internal topic when the
 * gateway and the server run on different hosts).
 */
export interface AcceptedReading {
  readonly deviceId: string;
  readonly patientId: string;
  /** the message's seq */
  readonly seq: number;
  /** when the gateway received the message, epoch milliseconds */
  readonly receivedAt: number;
  readonly reading: CanonicalReading;
}

/** Zod form of AcceptedReading, for transports that cross a process boundary. */
export const acceptedReadingSchema = z.object({
  deviceId: z.string(),
  patientId: z.string(),
  seq: z.number().int(),
  receivedAt: z.number(),
  reading: z.union([
    z.object({
      type: z.enum(['heart_rate', 'spo2', 'respiratory_rate', 'body_temperature', 'body_weight', 'blood_glucose']),
      at: z.number(),
      value: z.number(),
      onOxygen: z.boolean().optional(),
    }),
    z.object({
      type: z.literal('blood_pressure'),
      at: z.number(),
      systolic: z.number(),
      diastolic: z.number(),
      pulse: z.number().optional(),
    }),
  ]),
}) satisfies z.ZodType<AcceptedReading>;
