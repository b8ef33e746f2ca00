import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  apiErrorSchema,
  deactivateDeviceRequestSchema,
  deviceDetailSchema,
  deviceIdSchema,
  reassignDeviceRequestSchema,
  rotateDeviceSecretResponseSchema,
} from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import type { DeviceChangeRefusal } from '../../devices/device-store.ts';
import { requireSession, sessionOf } from '../authenticate-request.ts';
import { authorisePatient } from '../authorise-patient.ts';
import { ApiError, type ApiErrorCode } from '../errors.ts';

const deviceParams = z.object({ deviceId: deviceIdSchema });
const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };

const REFUSALS: Record<DeviceChangeRefusal, ApiErrorCode> = {
  not_found: 'API_DEVICE_NOT_FOUND',
  inactive: 'API_DEVICE_INACTIVE',
  same_patient: 'API_DEVICE_SAME_PATIENT',
  moved: 'API_DEVICE_CHANGED',
};

/**
 * The device lifecycle after registration (which is `POST /patients/{id}/devices`): rotate its secret, deactivate
 * it, reassign it to another patient, read it with its binding history (docs/devices.md). Every route is for
 * admins and the clinicians of the device's patient's care teams, and is audited; a device of a patient the caller
 * cannot see answers the same 404 as a device that does not exist.
 */
export function deviceRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  /** The device's patient, after checking (and auditing) that the caller may see that patient. */
  async function authoriseDevice(request: FastifyRequest, deviceId: string, action: string): Promise<string> {
    const patientId = await ctx.devices.patientOf(deviceId);
    if (patientId === undefined) {
      await ctx.audit.record({
        actor: sessionOf(request).user,
        action,
        channel: 'rest',
        outcome: 'denied',
        detail: `no such device ${deviceId}`,
      });
      throw new ApiError('API_DEVICE_NOT_FOUND');
    }
    try {
      await authorisePatient(ctx, request, patientId, action);
    } catch (error) {
      // the same answer as an unknown device, so device ids cannot be probed
      if (error instanceof ApiError && error.code === 'API_PATIENT_NOT_FOUND') throw new ApiError('API_DEVICE_NOT_FOUND');
      throw error;
    }
    return patientId;
  }

  /** Audits a change that was authorised but refused (inactive, changed meanwhile), then answers its error. */
  async function refuse(request: FastifyRequest, patientId: string, action: string, refusal: DeviceChangeRefusal): Promise<never> {
    const code = REFUSALS[refusal];
    await ctx.audit.record({ actor: sessionOf(request).user, patientId, action, channel: 'rest', outcome: 'failed', detail: code });
    throw new ApiError(code);
  }

  return async (app) => {
    const clinical = requireSession(ctx, ['admin', 'clinician']);

    app.get(
      '/devices/:deviceId',
      {
        preHandler: clinical,
        schema: {
          tags: ['devices'],
          summary: 'A device, its status and the history of its bindings to patients',
          params: deviceParams,
          response: { 200: deviceDetailSchema, ...errors },
        },
      },
      async (request) => {
        await authoriseDevice(request, request.params.deviceId, 'device.read');
        const device = await ctx.devices.detail(request.params.deviceId);
        if (device === undefined) throw new ApiError('API_DEVICE_NOT_FOUND');
        return device;
      },
    );

    app.post(
      '/devices/:deviceId/rotate-secret',
      {
        preHandler: clinical,
        schema: {
          tags: ['devices'],
          summary: 'Issue a new device secret; the old one is refused from now on. The secret is shown only in this response',
          params: deviceParams,
          response: { 200: rotateDeviceSecretResponseSchema, ...errors },
        },
      },
      async (request) => {
        const { deviceId } = request.params;
        const patientId = await authoriseDevice(request, deviceId, 'device.rotate_secret');
        const rotated = await ctx.devices.rotateSecret(deviceId, patientId);
        if (typeof rotated === 'string') return refuse(request, patientId, 'device.rotate_secret', rotated);
        await ctx.audit.record({
          actor: sessionOf(request).user,
          patientId,
          action: 'device.rotate_secret',
          channel: 'rest',
          outcome: 'allowed',
          detail: `device ${deviceId}: secret rotated`,
        });
        return rotated;
      },
    );

    app.post(
      '/devices/:deviceId/deactivate',
      {
        preHandler: clinical,
        schema: {
          tags: ['devices'],
          summary: 'Deactivate a device for good: it can no longer connect or publish; its stored readings stay',
          params: deviceParams,
          body: deactivateDeviceRequestSchema,
          response: { 200: deviceDetailSchema, ...errors },
        },
      },
      async (request) => {
        const { deviceId } = request.params;
        const user = sessionOf(request).user;
        const patientId = await authoriseDevice(request, deviceId, 'device.deactivate');
        const refusal = await ctx.devices.deactivate(deviceId, patientId, { userId: user.id, reason: request.body.reason });
        if (refusal !== undefined) return refuse(request, patientId, 'device.deactivate', refusal);
        await ctx.audit.record({
          actor: user,
          patientId,
          action: 'device.deactivate',
          channel: 'rest',
          outcome: 'allowed',
          detail: `device ${deviceId}: ${request.body.reason}`,
        });
        const device = await ctx.devices.detail(deviceId);
        if (device === undefined) throw new ApiError('API_DEVICE_NOT_FOUND');
        return device;
      },
    );

    app.post(
      '/devices/:deviceId/reassign',
      {
        preHandler: clinical,
        schema: {
          tags: ['devices'],
          summary: 'Bind the device to another patient from now on; readings already stored stay with the previous patient',
          description: 'The caller must be able to see both patients. The device must reconnect to send for the new patient.',
          params: deviceParams,
          body: reassignDeviceRequestSchema,
          response: { 200: deviceDetailSchema, ...errors },
        },
      },
      async (request) => {
        const { deviceId } = request.params;
        const { patientId: toPatientId, reason } = request.body;
        const user = sessionOf(request).user;
        const fromPatientId = await authoriseDevice(request, deviceId, 'device.reassign');
        await authorisePatient(ctx, request, toPatientId, 'device.reassign');
        const refusal = await ctx.devices.reassign(deviceId, fromPatientId, toPatientId, { userId: user.id, reason });
        if (refusal !== undefined) return refuse(request, fromPatientId, 'device.reassign', refusal);
        for (const [patientId, detail] of [
          [fromPatientId, `device ${deviceId} reassigned to patient ${toPatientId}: ${reason}`],
          [toPatientId, `device ${deviceId} reassigned from patient ${fromPatientId}: ${reason}`],
        ] as const) {
          await ctx.audit.record({ actor: user, patientId, action: 'device.reassign', channel: 'rest', outcome: 'allowed', detail });
        }
        const device = await ctx.devices.detail(deviceId);
        if (device === undefined) throw new ApiError('API_DEVICE_NOT_FOUND');
        return device;
      },
    );
  };
}
