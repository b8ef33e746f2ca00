import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, FHIR_MEDIA_TYPE, fhirBundleSchema, fhirExportQuerySchema } from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { fhirBundle } from '../../fhir/fhir-bundle.ts';
import { requireSession, sessionOf } from '../authenticate-request.ts';
import { authorisePatient } from '../authorise-patient.ts';
import { ApiError } from '../errors.ts';
import { DAY_MS, timeWindow } from '../time-window.ts';

const jsonError = { content: { 'application/json': { schema: apiErrorSchema } } };

/** Export of a patient's record as HL7 FHIR R4 (server/src/fhir/fhir-bundle.ts), audited on the `export` channel. */
export function fhirRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/patients/:id/fhir',
      {
        preHandler: requireSession(ctx, ['admin', 'clinician']),
        schema: {
          tags: ['fhir'],
          summary: 'The patient as a FHIR R4 Bundle (collection): Patient, vital-signs Observations, ICD-10 Conditions',
          description:
            'Observations are the readings measured in [from, to] (default: the last 30 days), by measurement time; ' +
            'Conditions are the diagnoses in force in the health passport. Content-Type: application/fhir+json.',
          params: z.object({ id: z.uuid() }),
          querystring: fhirExportQuerySchema,
          produces: [FHIR_MEDIA_TYPE],
          // media types spelled out: the bundle is FHIR JSON, but errors are the API's plain JSON (not `produces`)
          response: {
            200: { content: { [FHIR_MEDIA_TYPE]: { schema: fhirBundleSchema } } },
            400: jsonError,
            401: jsonError,
            403: jsonError,
            404: jsonError,
            503: jsonError,
          },
        },
      },
      async (request, reply) => {
        const patientId = request.params.id;
        await authorisePatient(ctx, request, patientId, 'fhir.export', 'export');
        const patient = await ctx.patients.get(patientId);
        if (patient === undefined) throw new ApiError('API_PATIENT_NOT_FOUND');
        const { from, to } = timeWindow(request.query, 30 * DAY_MS);
        const readings = await ctx.vitals.query({ patientId, from, to, limit: request.query.limit }).catch((error: unknown) => {
          request.log.error({ err: error }, 'InfluxDB query failed');
          throw new ApiError('API_INFLUX_UNAVAILABLE');
        });
        const { diagnoses } = await ctx.passport.current(patientId);
        const bundle = fhirBundle({ patient, readings, diagnoses, bundleId: randomUUID(), now: Date.now() });
        await ctx.audit.record({
          actor: sessionOf(request).user,
          patientId,
          action: 'fhir.export',
          channel: 'export',
          outcome: 'allowed',
          detail: `${readings.length} readings, ${diagnoses.length} diagnoses, ${new Date(from).toISOString()}..${new Date(to).toISOString()}`,
        });
        return reply.type(FHIR_MEDIA_TYPE).send(bundle);
      },
    );
  };
}
