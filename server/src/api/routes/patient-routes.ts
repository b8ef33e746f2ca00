import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
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
          params: patientParams,
          body: createDeviceRequestSchema.optional(),
          response: { 201: createDeviceResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        await authorisePatient(ctx, request, request.params.id, 'device.register');
        const created = await ctx.devices.register(request.params.id, request.body?.model, Date.now(), sessionOf(request).user.id);
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
