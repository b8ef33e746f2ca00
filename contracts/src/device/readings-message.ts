import { z } from 'zod';

/** Device protocol v1 limits. */
export const PROTOCOL_LIMITS = {
  /** Largest MQTT packet the gateway accepts; larger packets are refused before they are buffered. */
  maxPacketBytes: 512 * 1024,
  /** Most readings in one message (a day of minute readings of one type fits). */
  maxReadingsPerMessage: 5000,
  /**
   * Clock tolerance: how far ahead of the gateway's clock a measurement time may be, and how far before the
   * device's registration (a device clock a little behind must not lose the first readings).
   */
  maxClockSkewMs: 5 * 60 * 1000,
} as const;

/** ISO 8601 date-time with a UTC offset ("Z" or "+05:00"); local times without an offset are refused. */
export const measurementTimeSchema = z.iso.datetime({ offset: true });

const base = {
  at: measurementTimeSchema,
  unit: z.string().min(1).max(32),
};

export const scalarReadingSchema = z.strictObject({
  type: z.enum(['heart_rate', 'respiratory_rate', 'body_temperature', 'body_weight', 'blood_glucose']),
  ...base,
  value: z.number(),
});

export const spo2ReadingSchema = z.strictObject({
  type: z.literal('spo2'),
  ...base,
  value: z.number(),
  /** true when the patient is on supplemental oxygen (NEWS2 scores it). */
  onOxygen: z.boolean().optional(),
});

export const bloodPressureReadingSchema = z.strictObject({
  type: z.literal('blood_pressure'),
  ...base,
  systolic: z.number(),
  diastolic: z.number(),
  /** pulse measured by the cuff, optional */
  pulse: z.number().optional(),
});

/** One reading as a device sends it (before unit conversion). */
export const deviceReadingSchema = z.union([scalarReadingSchema, spo2ReadingSchema, bloodPressureReadingSchema]);
export type DeviceReading = z.infer<typeof deviceReadingSchema>;

/**
 * The payload of `rpm/v1/devices/{deviceId}/readings`: a per-device increasing `seq` and one or more readings.
 * Readings are validated one by one, so the envelope holds them as unknown.
 */
export const readingsMessageSchema = z.strictObject({
  seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  readings: z.array(z.unknown()).min(1),
});
export type ReadingsMessage = z.infer<typeof readingsMessageSchema>;
