import { z } from 'zod';
import { createDeviceResponseSchema, deviceSchema } from './patients.ts';

/**
 * The device lifecycle after registration (`POST /patients/{id}/devices`): secret rotation, deactivation,
 * reassignment to another patient, and the device with its binding history (docs/devices.md).
 */

/** Why a device was deactivated or reassigned: kept in its history and the audit log. */
const reasonSchema = z.string().trim().min(1).max(500);

/** The new secret, shown only in this response; the old one stops working at once. */
export const rotateDeviceSecretResponseSchema = createDeviceResponseSchema;
export type RotateDeviceSecretResponse = z.infer<typeof rotateDeviceSecretResponseSchema>;

export const deactivateDeviceRequestSchema = z.object({ reason: reasonSchema });
export type DeactivateDeviceRequest = z.infer<typeof deactivateDeviceRequestSchema>;

export const reassignDeviceRequestSchema = z.object({
  /** the patient who will wear the device from now on; readings already stored stay with the previous one */
  patientId: z.uuid(),
  reason: reasonSchema,
});
export type ReassignDeviceRequest = z.infer<typeof reassignDeviceRequestSchema>;

/** One binding of a device to a patient: readings measured in [from, to) belong to that patient. */
export const deviceAssignmentSchema = z.object({
  patientId: z.uuid(),
  from: z.iso.datetime(),
  /** null: the current binding */
  to: z.iso.datetime().nullable(),
  /** null: not recorded (devices registered before bindings were kept) */
  assignedBy: z.uuid().nullable(),
  assignedByName: z.string().nullable(),
  /** `registered` for the first binding */
  reason: z.string(),
});
export type DeviceAssignment = z.infer<typeof deviceAssignmentSchema>;

export const deviceDetailSchema = deviceSchema.extend({
  secretRotatedAt: z.iso.datetime().nullable(),
  deactivatedAt: z.iso.datetime().nullable(),
  deactivationReason: z.string().nullable(),
  /** oldest first; the last one is open while the device is active */
  assignments: z.array(deviceAssignmentSchema),
});
export type DeviceDetail = z.infer<typeof deviceDetailSchema>;
