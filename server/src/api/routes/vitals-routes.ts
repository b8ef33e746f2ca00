import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  VITALS,
  VITALS_MAX_BUCKETS,
  apiErrorSchema,
  latestVitalsResponseSchema,
  vitalsHistoryQuerySchema,
  vitalsHistoryResponseSchema,
} from '@rpm/contracts';
import type { VitalsHistoryQuery, VitalsInterval } from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { bucketCount, pickInterval } from '../../readings/vitals-intervals.ts';
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
          summary: 'Readings of a patient from InfluxDB, by measurement time: raw, or mean/min/max/count per interval',
          params: z.object({ id: z.uuid() }),
          querystring: vitalsHistoryQuerySchema,
          response: {
            200: vitalsHistoryResponseSchema,
            400: apiErrorSchema,
            401: apiErrorSchema,
            403: apiErrorSchema,
            404: apiErrorSchema,
            503: apiErrorSchema,
          },
        },
      },
      async (request) => {
        const patientId = request.params.id;
        await authorisePatient(ctx, request, patientId, 'vitals.read');
        const to = request.query.to === undefined ? Date.now() : Date.parse(request.query.to);
        const from = request.query.from === undefined ? to - DAY_MS : Date.parse(request.query.from);
        if (from > to) throw new ApiError('API_VALIDATION_FAILED', '`from` must not be after `to`');
        const window = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
        const { type } = request.query;

        const interval = chooseInterval(request.query, from, to);
        if (interval !== undefined && type !== undefined) {
          const buckets = await ctx.vitals.downsample({ patientId, type, from, to, interval }).catch(influxFailed(request));
          return { patientId, type, unit: VITALS[type].unit, ...window, interval, buckets };
        }
        const readings = await ctx.vitals
          .query({ patientId, ...(type === undefined ? {} : { type }), from, to, limit: request.query.limit })
          .catch(influxFailed(request));
        return { patientId, ...window, readings };
      },
    );

    app.get(
      '/patients/:id/vitals/latest',
      {
        preHandler: requireSession(ctx, ['admin', 'clinician']),
        schema: {
          tags: ['vitals'],
          summary: 'The newest reading of each vital type of a patient',
          params: z.object({ id: z.uuid() }),
          response: {
            200: latestVitalsResponseSchema,
            400: apiErrorSchema,
            401: apiErrorSchema,
            403: apiErrorSchema,
            404: apiErrorSchema,
            503: apiErrorSchema,
          },
        },
      },
      async (request) => {
        const patientId = request.params.id;
        await authorisePatient(ctx, request, patientId, 'vitals.read');
        const latest = await ctx.vitals.latestByPatient([patientId]).catch(influxFailed(request));
        return { patientId, readings: latest.get(patientId) ?? [] };
      },
    );
  };
}

/** The bucket width of a downsampled request, checked against the cap; undefined for raw readings. */
function chooseInterval(query: VitalsHistoryQuery, from: number, to: number): VitalsInterval | undefined {
  if ((query.interval !== undefined || query.maxPoints !== undefined) && query.type === undefined)
    throw new ApiError('API_VALIDATION_FAILED', 'a downsampled history is of one vital `type`');
  if (query.maxPoints !== undefined) {
    const picked = pickInterval(from, to, query.maxPoints);
    if (picked === undefined)
      throw new ApiError(
        'API_VALIDATION_FAILED',
        `no interval gives at most ${query.maxPoints} buckets over this range (1d gives ${bucketCount(from, to, '1d')}): ` +
          'shorten the range or raise `maxPoints`',
      );
    return picked;
  }
  if (query.interval === undefined) return undefined;
  const buckets = bucketCount(from, to, query.interval);
  if (buckets > VITALS_MAX_BUCKETS)
    throw new ApiError(
      'API_VALIDATION_FAILED',
      `${query.interval} buckets over this range would be ${buckets}, more than the ${VITALS_MAX_BUCKETS} allowed per request: ` +
        'choose a coarser `interval`, a shorter range, or `maxPoints`',
    );
  return query.interval;
}

function influxFailed(request: FastifyRequest): (error: unknown) => never {
  return (error) => {
    request.log.error({ err: error }, 'InfluxDB query failed');
    throw new ApiError('API_INFLUX_UNAVAILABLE');
  };
}
