import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, vitalsQuerySchema, vitalsResponseSchema } from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { requireSession } from '../authenticate-request.ts';
import { authorisePatient } from '../authorise-patient.ts';
import { ApiError } from '../errors.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export function vitalsRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/patients/:id/vitals',
      {
        preHandler: requireSession(ctx, ['admin', 'clinician']),
        schema: {
          tags: ['vitals'],
          summary: 'Readings of a patient from InfluxDB, by measurement time',
          params: z.object({ id: z.uuid() }),
          querystring: vitalsQuerySchema,
          response: { 200: vitalsResponseSchema, 400: apiErrorSchema, 401: apiErrorSchema, 404: apiErrorSchema, 503: apiErrorSchema },
        },
      },
      async (request) => {
        await authorisePatient(ctx, request, request.params.id, 'vitals.read');
        const to = request.query.to === undefined ? Date.now() : Date.parse(request.query.to);
        const from = request.query.from === undefined ? to - DAY_MS : Date.parse(request.query.from);
        if (from > to) throw new ApiError('API_VALIDATION_FAILED', '`from` must not be after `to`');
        const readings = await ctx.vitals
          .query({
            patientId: request.params.id,
            ...(request.query.type === undefined ? {} : { type: request.query.type }),
            from,
            to,
            limit: request.query.limit,
          })
          .catch((error: unknown) => {
            request.log.error({ err: error }, 'InfluxDB query failed');
            throw new ApiError('API_INFLUX_UNAVAILABLE');
          });
        return { patientId: request.params.id, from: new Date(from).toISOString(), to: new Date(to).toISOString(), readings };
      },
    );
  };
}
