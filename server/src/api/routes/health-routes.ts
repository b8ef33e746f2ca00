import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerContext } from '../../context.ts';

const readySchema = z.object({ status: z.enum(['ready', 'degraded']), checks: z.record(z.string(), z.boolean()) });

/** Liveness and readiness for orchestrators and the ops view. */
export function healthRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      {
        schema: {
          tags: ['health'],
          summary: 'The process is alive',
          security: [],
          response: { 200: z.object({ status: z.literal('ok') }) },
        },
      },
      () => ({
        status: 'ok' as const,
      }),
    );

    app.get(
      '/readyz',
      {
        schema: {
          tags: ['health'],
          summary: 'Broker, InfluxDB, spool and database are reachable',
          security: [],
          response: { 200: readySchema, 503: readySchema },
        },
      },
      async (_req, reply) => {
        const database = await ctx.db
          .selectFrom('users')
          .select('id')
          .limit(1)
          .execute()
          .then(
            () => true,
            () => false,
          );
        const checks = { ...(await ctx.readiness()), database };
        const ready = Object.values(checks).every(Boolean);
        return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'degraded', checks });
      },
    );
  };
}
