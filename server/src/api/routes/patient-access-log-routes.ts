import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessLogQuerySchema, accessLogResponseSchema, apiErrorSchema } from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { requireSession } from '../authenticate-request.ts';
import { authorisePatient } from '../authorise-patient.ts';
import { DAY_MS, timeWindow } from '../time-window.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };

/**
 * "Who viewed this record" for the patient's care team: every access to the patient's record, newest first, as the
 * patient sees it in the portal (GET /me/access-log) but including the patient's own. Details are left out: a detail
 * may name another patient. Reading it is itself audited (and so appears in it).
 */
export function patientAccessLogRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/patients/:id/access-log',
      {
        preHandler: requireSession(ctx, ['admin', 'clinician']),
        schema: {
          tags: ['patients'],
          summary: 'Who accessed the patient’s record, when, what they did, through which channel, and the outcome (newest first)',
          description: '`from` defaults to 30 days before `to`; `to` to now.',
          params: z.object({ id: z.uuid() }),
          querystring: accessLogQuerySchema,
          response: { 200: accessLogResponseSchema, ...errors },
        },
      },
      async (request) => {
        const patientId = request.params.id;
        await authorisePatient(ctx, request, patientId, 'access_log.read');
        const { from, to } = timeWindow(request.query, 30 * DAY_MS);
        const entries = await ctx.auditReader.query({ patientId, from, to, limit: request.query.limit });
        return {
          entries: entries.map(({ at, actorName, actorRole, action, channel, outcome }) => ({
            at,
            actorName,
            actorRole,
            action,
            channel,
            outcome,
          })),
        };
      },
    );
  };
}
