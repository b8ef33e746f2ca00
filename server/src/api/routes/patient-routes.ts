import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DEVICE_BACKDATE_MAX_DAYS,
  apiErrorSchema,
  createDeviceRequestSchema,
  createDeviceResponseSchema,
  createPatientRequestSchema,
  deviceSchema,
  patientSchema,
} from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { requireSession, sessionOf } from '../authenticate-request.ts';
import { authorisePatient } from '../authorise-patient.ts';
import { ApiError } from '../errors.ts';

const patientParams = z.object({ id: z.uuid() });
const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };
const DAY_MS = 86_400_000;

/** The registration time asked for, epoch ms, if it is in the allowed window (DEVICE_BACKDATE_MAX_DAYS back, not ahead). */
function backdatedRegistration(registeredAt: string, now: number): number {
  const at = Date.parse(registeredAt);
  if (at > now) throw new ApiError('API_VALIDATION_FAILED', 'registeredAt is in the future: omit it to register the device now');
  if (at < now - DEVICE_BACKDATE_MAX_DAYS * DAY_MS) {
    throw new ApiError('API_VALIDATION_FAILED', `registeredAt may be at most ${DEVICE_BACKDATE_MAX_DAYS} days in the past`);
  }
  return at;
}

export function patientRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const clinical = requireSession(ctx, ['admin', 'clinician']);

    app.post(
      '/patients',
      {
        preHandler: clinical,
        schema: {
          tags: ['patients'],
          summary: 'Enrol a patient',
          body: createPatientRequestSchema,
          response: { 201: z.object({ id: z.uuid() }), ...errors },
        },
      },
      async (request, reply) => {
        const user = sessionOf(request).user;
        const { teamId, ...fields } = request.body;
        let teamIds: string[];
        if (teamId !== undefined) {
          const visible = await ctx.access.visibleTeams(user);
          if (!(await ctx.teams.exists(teamId)) || (visible !== 'all' && !visible.includes(teamId)))
            throw new ApiError('API_TEAM_NOT_FOUND');
          teamIds = [teamId];
        } else {
          const own = await ctx.teams.teamIdsOfUser(user.id);
          if (own[0] === undefined && user.role !== 'admin') throw new ApiError('API_TEAM_REQUIRED');
          teamIds = own.slice(0, 1);
        }
        const patient = await ctx.patients.create(fields, teamIds, user.id);
        await ctx.clinical.enrol(patient.id);
        await ctx.audit.record({ actor: user, patientId: patient.id, action: 'patient.create', channel: 'rest', outcome: 'allowed' });
        return reply.code(201).send({ id: patient.id });
      },
    );

    app.get(
      '/patients',
      {
        preHandler: clinical,
        schema: {
          tags: ['patients'],
          summary: 'Patients of your care teams',
          response: { 200: z.object({ patients: z.array(patientSchema) }), ...errors },
        },
      },
      async (request) => {
        const user = sessionOf(request).user;
        const patients = await ctx.patients.list(await ctx.access.visibleTeams(user));
        await ctx.audit.record({
          actor: user,
          action: 'patient.list',
          channel: 'rest',
          outcome: 'allowed',
          detail: `${patients.length} patients`,
        });
        return { patients };
      },
    );

    app.get(
      '/patients/:id',
      {
        preHandler: clinical,
        schema: { tags: ['patients'], summary: 'One patient', params: patientParams, response: { 200: patientSchema, ...errors } },
      },
      async (request) => {
        await authorisePatient(ctx, request, request.params.id, 'patient.read');
        const patient = await ctx.patients.get(request.params.id);
        if (patient === undefined) throw new ApiError('API_PATIENT_NOT_FOUND');
        return patient;
      },
    );

    app.post(
      '/patients/:id/devices',
      {
        preHandler: clinical,
        schema: {
          tags: ['devices'],
          summary: 'Register a home device to the patient; the secret is shown only in this response',
          description:
            `An admin may give \`registeredAt\`, up to ${DEVICE_BACKDATE_MAX_DAYS} days ago, to import a device that recorded at ` +
            'home before it was enrolled: the gateway then accepts its readings measured since that time. A clinician who gives ' +
            'it is refused (403 API_FORBIDDEN); a time in the future or further back answers 400 API_VALIDATION_FAILED. ' +
            'The backdating is audited (`device.backdate`).',
          params: patientParams,
          body: createDeviceRequestSchema.optional(),
          response: { 201: createDeviceResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const user = sessionOf(request).user;
        const patientId = request.params.id;
        const now = Date.now();
        const asked = request.body?.registeredAt;
        const registeredAt = asked === undefined ? now : backdatedRegistration(asked, now);
        await authorisePatient(ctx, request, patientId, 'device.register');
        if (asked !== undefined && user.role !== 'admin') {
          await ctx.audit.record({ actor: user, patientId, action: 'device.backdate', channel: 'rest', outcome: 'denied', detail: asked });
          throw new ApiError('API_FORBIDDEN', 'Only an administrator may backdate a device registration (registeredAt); omit it');
        }
        const created = await ctx.devices.register(patientId, request.body?.model, registeredAt, user.id);
        if (asked !== undefined) {
          const daysBack = ((now - registeredAt) / DAY_MS).toFixed(2);
          await ctx.audit.record({
            actor: user,
            patientId,
            action: 'device.backdate',
            channel: 'rest',
            outcome: 'allowed',
            detail: `${created.deviceId} registered as of ${new Date(registeredAt).toISOString()} (${daysBack} days back)`,
          });
        }
        return reply.code(201).send(created);
      },
    );

    app.get(
      '/patients/:id/devices',
      {
        preHandler: clinical,
        schema: {
          tags: ['devices'],
          summary: 'The patient’s devices and their status',
          params: patientParams,
          response: { 200: z.object({ devices: z.array(deviceSchema) }), ...errors },
        },
      },
      async (request) => {
        await authorisePatient(ctx, request, request.params.id, 'device.list');
        return { devices: await ctx.devices.listForPatient(request.params.id) };
      },
    );
  };
}
