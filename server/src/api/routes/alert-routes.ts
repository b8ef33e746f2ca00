import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { alertSchema, alertsQuerySchema, alertsResponseSchema, apiErrorSchema } from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { requireSession, sessionOf } from '../authenticate-request.ts';
import { authorisePatient } from '../authorise-patient.ts';
import { ApiError } from '../errors.ts';

export function alertRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const clinical = requireSession(ctx, ['admin', 'clinician']);

    app.get(
      '/alerts',
      {
        preHandler: clinical,
        schema: {
          tags: ['alerts'],
          summary: 'Alerts of your care teams’ patients (default: open and acknowledged)',
          querystring: alertsQuerySchema,
          response: { 200: alertsResponseSchema, 401: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request) => {
        const user = sessionOf(request).user;
        if (request.query.patientId !== undefined) await authorisePatient(ctx, request, request.query.patientId, 'alert.list');
        const alerts = await ctx.alertStore.list({
          status: request.query.status,
          patientId: request.query.patientId,
          teamIds: await ctx.access.visibleTeams(user),
          limit: request.query.limit,
        });
        if (request.query.patientId === undefined)
          await ctx.audit.record({
            actor: user,
            action: 'alert.list',
            channel: 'rest',
            outcome: 'allowed',
            detail: `${alerts.length} alerts`,
          });
        return { alerts };
      },
    );

    app.post(
      '/alerts/:id/acknowledge',
      {
        preHandler: clinical,
        schema: {
          tags: ['alerts'],
          summary: 'Acknowledge an open alert',
          params: z.object({ id: z.uuid() }),
          response: { 200: alertSchema, 401: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema },
        },
      },
      async (request) => {
        const alert = await ctx.alertStore.get(request.params.id);
        if (alert === undefined) throw new ApiError('API_ALERT_NOT_FOUND');
        await authorisePatient(ctx, request, alert.patientId, 'alert.acknowledge');
        if (alert.status !== 'open') throw new ApiError('API_ALERT_NOT_OPEN');
        const updated = await ctx.alerts.acknowledge(alert.id, sessionOf(request).user.id);
        if (updated === undefined) throw new ApiError('API_ALERT_NOT_FOUND');
        return updated;
      },
    );
  };
}
