import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  accessLogQuerySchema,
  accessLogResponseSchema,
  alertsResponseSchema,
  apiErrorSchema,
  correctionRequestSchema,
  correctionSchema,
  correctionsResponseSchema,
  createPortalUserRequestSchema,
  deviceSchema,
  passportSchema,
  portalAlertsQuerySchema,
  userSchema,
  vitalsQuerySchema,
  vitalsResponseSchema,
} from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { requireSession, sessionOf } from '../authenticate-request.ts';
import { ApiError } from '../errors.ts';
import { DAY_MS, timeWindow } from '../time-window.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };

/**
 * The patient portal: a `patient` user reads their own record under `/me/…` — the passport, vitals, alerts, devices
 * and who accessed the record — and asks the care team to correct the passport. The record is the one their login
 * is linked to (`POST /patients/{id}/portal-user`, admin); no route takes a patient id, so no other record is
 * reachable. Every read is audited against the patient.
 */
export function portalRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  /** The caller's own patient record, after auditing the access. */
  async function ownRecord(request: FastifyRequest, action: string): Promise<string> {
    const user = sessionOf(request).user;
    const patientId = await ctx.portalUsers.patientOf(user.id);
    await ctx.audit.record({
      actor: user,
      patientId,
      action,
      channel: 'rest',
      outcome: patientId === undefined ? 'denied' : 'allowed',
      ...(patientId === undefined ? { detail: 'not linked to a patient' } : {}),
    });
    if (patientId === undefined) throw new ApiError('API_PORTAL_NOT_LINKED');
    return patientId;
  }

  return async (app) => {
    const patient = requireSession(ctx, ['patient']);

    app.post(
      '/patients/:id/portal-user',
      {
        preHandler: requireSession(ctx, ['admin']),
        schema: {
          tags: ['portal'],
          summary: 'Create the patient’s own login (role patient), linked to their record: read-only access to it',
          params: z.object({ id: z.uuid() }),
          body: createPortalUserRequestSchema,
          response: { 201: userSchema, ...errors },
        },
      },
      async (request, reply) => {
        const admin = sessionOf(request).user;
        const patientId = request.params.id;
        if ((await ctx.patients.nameOf(patientId)) === undefined) throw new ApiError('API_PATIENT_NOT_FOUND');
        if ((await ctx.users.findByUsername(request.body.username)) !== undefined) throw new ApiError('API_USERNAME_TAKEN');
        const user = await ctx.users.create({ ...request.body, role: 'patient' });
        await ctx.portalUsers.link(user.id, patientId, admin.id);
        await ctx.audit.record({
          actor: admin,
          patientId,
          action: 'portal_user.create',
          channel: 'rest',
          outcome: 'allowed',
          detail: `patient user ${user.username}`,
        });
        return reply.code(201).send(user);
      },
    );

    app.get(
      '/me/passport',
      {
        preHandler: patient,
        schema: { tags: ['portal'], summary: 'My health passport (read-only)', response: { 200: passportSchema, ...errors } },
      },
      async (request) => ctx.passport.current(await ownRecord(request, 'portal.passport.read')),
    );

    app.get(
      '/me/vitals',
      {
        preHandler: patient,
        schema: {
          tags: ['portal'],
          summary: 'My readings, by measurement time (the same query as a patient’s vitals)',
          querystring: vitalsQuerySchema,
          response: { 200: vitalsResponseSchema, 503: apiErrorSchema, ...errors },
        },
      },
      async (request) => {
        const patientId = await ownRecord(request, 'portal.vitals.read');
        const { from, to } = timeWindow(request.query, DAY_MS);
        const readings = await ctx.vitals
          .query({
            patientId,
            ...(request.query.type === undefined ? {} : { type: request.query.type }),
            from,
            to,
            limit: request.query.limit,
          })
          .catch((error: unknown) => {
            request.log.error({ err: error }, 'InfluxDB query failed');
            throw new ApiError('API_INFLUX_UNAVAILABLE');
          });
        return { patientId, from: new Date(from).toISOString(), to: new Date(to).toISOString(), readings };
      },
    );

    app.get(
      '/me/alerts',
      {
        preHandler: patient,
        schema: {
          tags: ['portal'],
          summary: 'Alerts raised from my readings, newest first',
          querystring: portalAlertsQuerySchema,
          response: { 200: alertsResponseSchema, ...errors },
        },
      },
      async (request) => {
        const patientId = await ownRecord(request, 'portal.alerts.read');
        const { status, limit } = request.query;
        return {
          alerts: await ctx.alertStore.list({ status, patientId, priority: undefined, assignedTo: undefined, teamIds: 'all', limit }),
        };
      },
    );

    app.get(
      '/me/devices',
      {
        preHandler: patient,
        schema: {
          tags: ['portal'],
          summary: 'My home devices and their status',
          response: { 200: z.object({ devices: z.array(deviceSchema) }), ...errors },
        },
      },
      async (request) => ({ devices: await ctx.devices.listForPatient(await ownRecord(request, 'portal.devices.read')) }),
    );

    app.get(
      '/me/access-log',
      {
        preHandler: patient,
        schema: {
          tags: ['portal'],
          summary: 'Who accessed my record, when, what they did, and whether it was allowed (newest first)',
          querystring: accessLogQuerySchema,
          response: { 200: accessLogResponseSchema, ...errors },
        },
      },
      async (request) => {
        const patientId = await ownRecord(request, 'portal.access_log.read');
        const { from, to } = timeWindow(request.query, 30 * DAY_MS);
        return {
          entries: await ctx.auditReader.accessesTo(patientId, sessionOf(request).user.id, { from, to, limit: request.query.limit }),
        };
      },
    );

    app.post(
      '/me/corrections',
      {
        preHandler: patient,
        schema: {
          tags: ['portal'],
          summary: 'Report an error in my passport: the request goes to my care team',
          body: correctionRequestSchema,
          response: { 201: correctionSchema, ...errors },
        },
      },
      async (request, reply) => {
        const patientId = await ownRecord(request, 'portal.correction.create');
        const { entryId, section } = request.body;
        if (entryId !== undefined) {
          const versions = await ctx.passport.history(patientId);
          if (!versions.some((v) => v.entryId === entryId && v.section === section)) throw new ApiError('API_PASSPORT_ENTRY_NOT_FOUND');
        }
        const correction = await ctx.corrections.create(patientId, sessionOf(request).user.id, request.body);
        await ctx.audit.record({
          actor: sessionOf(request).user,
          patientId,
          action: 'correction.create',
          channel: 'rest',
          outcome: 'allowed',
          detail: `correction ${correction.id} of ${section}`,
        });
        return reply.code(201).send(correction);
      },
    );

    app.get(
      '/me/corrections',
      {
        preHandler: patient,
        schema: {
          tags: ['portal'],
          summary: 'My correction requests and my care team’s answers, newest first',
          response: { 200: correctionsResponseSchema, ...errors },
        },
      },
      async (request) => ({ corrections: await ctx.corrections.listForPatient(await ownRecord(request, 'portal.corrections.read')) }),
    );
  };
}
