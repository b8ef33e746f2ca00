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

/** Bucket widths of a downsampled history; buckets are aligned to UTC (a `1d` bucket is a UTC day). */
export const VITALS_INTERVALS = ['1m', '5m', '15m', '1h', '1d'] as const;
export type VitalsInterval = (typeof VITALS_INTERVALS)[number];

/** Width of each interval, milliseconds. */
export const VITALS_INTERVAL_MS: Readonly<Record<VitalsInterval, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};

/** Most buckets one downsampled request may span (30 days at 1m are 43,201); more is refused with a 400. */
export const VITALS_MAX_BUCKETS = 50_000;

/**
 * GET /patients/{id}/vitals: raw readings by default; with `interval` or `maxPoints` (and a `type`), mean/min/max/count
 * per time bucket instead (vitalsSeriesResponseSchema). `limit` applies to raw readings only.
 */
export const vitalsHistoryQuerySchema = vitalsQuerySchema
  .extend({
    /** downsample into buckets of this width */
    interval: z.enum(VITALS_INTERVALS).optional(),
    /** downsample with the finest interval that gives at most this many buckets over [from, to] */
    maxPoints: z.coerce.number().int().min(1).max(VITALS_MAX_BUCKETS).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.interval !== undefined && q.maxPoints !== undefined)
      ctx.addIssue({ code: 'custom', path: ['maxPoints'], message: 'give either `interval` or `maxPoints`, not both' });
    if ((q.interval !== undefined || q.maxPoints !== undefined) && q.type === undefined)
      ctx.addIssue({ code: 'custom', path: ['type'], message: 'a downsampled history is of one vital `type`' });
  });
export type VitalsHistoryQuery = z.infer<typeof vitalsHistoryQuerySchema>;

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

/** Mean, lowest and highest of one field over a bucket's readings, in the catalogue's canonical unit. */
export const vitalStatsSchema = z.object({ mean: z.number(), min: z.number(), max: z.number() });
export type VitalStats = z.infer<typeof vitalStatsSchema>;

/** The readings of one time bucket; a bucket without readings is left out. Fields as in VitalPoint. */
export const vitalBucketSchema = z.object({
  /** start of the bucket (UTC-aligned); the first and last buckets cover only the part inside [from, to] */
  start: z.iso.datetime(),
  /** readings in the bucket */
  count: z.number().int().min(1),
  /** every type but blood_pressure */
  value: vitalStatsSchema.optional(),
  /** blood_pressure only */
  systolic: vitalStatsSchema.optional(),
  /** blood_pressure only */
  diastolic: vitalStatsSchema.optional(),
});
export type VitalBucket = z.infer<typeof vitalBucketSchema>;

export const vitalsSeriesResponseSchema = z.object({
  patientId: z.uuid(),
  type: z.enum(VITAL_TYPES),
  /** canonical UCUM unit */
  unit: z.string(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  /** the bucket width used (the one asked for, or the one `maxPoints` chose) */
  interval: z.enum(VITALS_INTERVALS),
  /** oldest first */
  buckets: z.array(vitalBucketSchema),
});
export type VitalsSeriesResponse = z.infer<typeof vitalsSeriesResponseSchema>;

/** GET /patients/{id}/vitals: raw readings, or buckets when `interval` or `maxPoints` was given. */
export const vitalsHistoryResponseSchema = z.union([vitalsResponseSchema, vitalsSeriesResponseSchema]);
export type VitalsHistoryResponse = z.infer<typeof vitalsHistoryResponseSchema>;

/** GET /patients/{id}/vitals/latest: the newest reading of each vital type the patient has ever sent. */
export const latestVitalsResponseSchema = z.object({
  patientId: z.uuid(),
  /** one per type, in catalogue order */
  readings: z.array(vitalPointSchema),
});
export type LatestVitalsResponse = z.infer<typeof latestVitalsResponseSchema>;
