import { z } from 'zod';

/**
 * The payload of `rpm/v1/devices/{deviceId}/status`. Every field is optional; a device sends what it knows.
 * `clock` is the device's own idea of "now" when it sent the message: the gateway compares it with its clock to
 * record the device's clock offset (IEEE 11073 "coincident time stamp").
 * The last will (set at CONNECT) is `{"online": false}`.
 */
export const statusMessageSchema = z.strictObject({
  online: z.boolean().optional(),
  /** battery charge, percent */
  battery: z.number().min(0).max(100).optional(),
  firmware: z.string().min(1).max(64).optional(),
  model: z.string().min(1).max(64).optional(),
  clock: z.iso.datetime({ offset: true }).optional(),
});
export type StatusMessage = z.infer<typeof statusMessageSchema>;

export const OFFLINE_WILL_PAYLOAD = '{"online":false}';
