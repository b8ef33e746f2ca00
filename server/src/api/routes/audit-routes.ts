import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, auditQuerySchema, auditResponseSchema } from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { requireSession, sessionOf } from '../authenticate-request.ts';
import { DAY_MS, timeWindow } from '../time-window.ts';

/** The audit log, for admins only; reading it is itself audited. The log is append-only (triggers in 001-initial.ts). */
export function auditRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        preHandler: requireSession(ctx, ['admin']),
        schema: {
          tags: ['admin'],
          summary: 'The audit log, newest first: who did what to which patient, through which channel, when, and the outcome',
          description: '`from` defaults to 30 days before `to`; `to` to now.',
          querystring: auditQuerySchema,
          response: { 200: auditResponseSchema, 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema },
        },
      },
      async (request) => {
        const { patientId, actorId, limit } = request.query;
        const { from, to } = timeWindow(request.query, 30 * DAY_MS);
        const entries = await ctx.auditReader.query({ patientId, actorId, from, to, limit });
        await ctx.audit.record({
          actor: sessionOf(request).user,
          patientId,
          action: 'audit.query',
          channel: 'rest',
          outcome: 'allowed',
          detail: `${entries.length} entries${actorId === undefined ? '' : ` of actor ${actorId}`}`,
        });
        return { entries };
      },
    );
  };
}
