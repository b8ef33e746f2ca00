import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { REJECTION_REASONS, apiErrorSchema } from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { requireSession } from '../authenticate-request.ts';

const quarantineEntrySchema = z.object({
  deviceId: z.string().optional(),
  topic: z.string(),
  reason: z.enum(Object.keys(REJECTION_REASONS) as [keyof typeof REJECTION_REASONS, ...(keyof typeof REJECTION_REASONS)[]]),
  detail: z.string(),
  payloadPrefix: z.string(),
  readingIndex: z.number().int().optional(),
  seq: z.number().int().optional(),
  at: z.number(),
});

/** Fleet health for ops: no clinical data here. */
export function opsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/quarantine',
      {
        preHandler: requireSession(ctx, ['admin', 'ops']),
        schema: {
          tags: ['ops'],
          summary: 'Refused device messages and readings, newest first, with their reason',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
          response: { 200: z.object({ entries: z.array(quarantineEntrySchema) }), 401: apiErrorSchema, 403: apiErrorSchema },
        },
      },
      async (request) => ({ entries: await ctx.quarantine.list(request.query.limit) }),
    );
  };
}
