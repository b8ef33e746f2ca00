import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, deadLetterSchema, quarantineEntrySchema } from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { requireSession, sessionOf } from '../authenticate-request.ts';

const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema };

/** Fleet health: the quarantine (device faults, for ops) and dead letters (readings, so admin only). */
export function opsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/quarantine',
      {
        preHandler: requireSession(ctx, ['admin', 'ops']),
        schema: {
          tags: ['ops'],
          summary: 'Refused device messages and readings, newest first, with their reason',
          querystring: limitQuery,
          response: { 200: z.object({ entries: z.array(quarantineEntrySchema) }), ...errors },
        },
      },
      async (request) => ({ entries: await ctx.quarantine.list(request.query.limit) }),
    );

    app.get(
      '/dead-letters',
      {
        preHandler: requireSession(ctx, ['admin']),
        schema: {
          tags: ['ops'],
          summary: 'Readings InfluxDB refused for good, with its answer (they hold clinical values: admin only)',
          querystring: limitQuery,
          response: { 200: z.object({ deadLetters: z.array(deadLetterSchema) }), ...errors },
        },
      },
      async (request) => {
        const deadLetters = ctx.ingestHealth.deadLetters(request.query.limit);
        await ctx.audit.record({
          actor: sessionOf(request).user,
          action: 'dead-letters.read',
          channel: 'rest',
          outcome: 'allowed',
          detail: `${deadLetters.length} readings`,
        });
        return { deadLetters };
      },
    );
  };
}
