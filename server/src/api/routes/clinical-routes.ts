import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  apiErrorSchema,
  news2ResponseSchema,
  observationRequestSchema,
  programmesSchema,
  setProgrammesRequestSchema,
  setThresholdRequestSchema,
  thresholdHistoryResponseSchema,
  thresholdsResponseSchema,
} from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { requireSession, sessionOf } from '../authenticate-request.ts';
import { authorisePatient } from '../authorise-patient.ts';
import { ApiError } from '../errors.ts';

const patientParams = z.object({ id: z.uuid() });
const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };

/** A patient's programmes, thresholds and overrides, observations and NEWS2 (issue #4; docs/clinical-rules.md). */
export function clinicalRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const clinical = requireSession(ctx, ['admin', 'clinician']);

    app.get(
      '/patients/:id/programs',
      {
        preHandler: clinical,
        schema: {
          tags: ['clinical'],
          summary: 'Programme enrolment and SpO2 target',
          params: patientParams,
          response: { 200: programmesSchema, ...errors },
        },
      },
      async (request) => {
        await authorisePatient(ctx, request, request.params.id, 'programs.read');
        const programmes = await ctx.patients.programmesOf(request.params.id);
        if (programmes === undefined) throw new ApiError('API_PATIENT_NOT_FOUND');
        return programmes;
      },
    );

    app.put(
      '/patients/:id/programs',
      {
        preHandler: clinical,
        schema: {
          tags: ['clinical'],
          summary: 'Enrol the patient in programmes (rule packs); optionally prescribe the SpO2 target range',
          description:
            'No programme means the general NEWS2 pack. `spo2Target` 88-92 selects NEWS2 SpO2 scale 2; null returns to the default.',
          params: patientParams,
          body: setProgrammesRequestSchema,
          response: { 200: programmesSchema, ...errors },
        },
      },
      async (request) => {
        await authorisePatient(ctx, request, request.params.id, 'programs.update');
        const result = await ctx.clinical.setProgrammes(request.params.id, request.body.programs, request.body.spo2Target);
        if (result === undefined) throw new ApiError('API_PATIENT_NOT_FOUND');
        await ctx.audit.record({
          actor: sessionOf(request).user,
          patientId: request.params.id,
          action: 'programs.update',
          channel: 'rest',
          outcome: 'allowed',
          detail: `${result.programs.join(',') || 'news2_general'}; SpO2 ${result.spo2Target}`,
        });
        return result;
      },
    );

    app.get(
      '/patients/:id/news2',
      {
        preHandler: clinical,
        schema: {
          tags: ['clinical'],
          summary: 'NEWS2 (RCP 2017) from the patient’s latest readings; partial when a parameter is missing',
          params: patientParams,
          response: { 200: news2ResponseSchema, ...errors },
        },
      },
      async (request) => {
        await authorisePatient(ctx, request, request.params.id, 'news2.read');
        return ctx.clinical.news2(request.params.id);
      },
    );

    app.get(
      '/patients/:id/thresholds',
      {
        preHandler: clinical,
        schema: {
          tags: ['clinical'],
          summary: 'Every rule parameter in force for the patient: default, override, who set it and why',
          params: patientParams,
          response: { 200: thresholdsResponseSchema, ...errors },
        },
      },
      async (request) => {
        await authorisePatient(ctx, request, request.params.id, 'thresholds.read');
        return { thresholds: await ctx.clinical.thresholds(request.params.id) };
      },
    );

    app.put(
      '/patients/:id/thresholds',
      {
        preHandler: clinical,
        schema: {
          tags: ['clinical'],
          summary: 'Override one threshold for this patient (value null: back to the default); the reason is required',
          params: patientParams,
          body: setThresholdRequestSchema,
          response: { 200: thresholdsResponseSchema, ...errors },
        },
      },
      async (request) => {
        await authorisePatient(ctx, request, request.params.id, 'thresholds.update');
        const user = sessionOf(request).user;
        const { ruleId, param, value } = request.body;
        const problem = await ctx.clinical.setOverride(request.params.id, request.body, user.id);
        if (problem !== undefined) throw new ApiError('API_THRESHOLD_INVALID', problem);
        await ctx.audit.record({
          actor: user,
          patientId: request.params.id,
          action: 'thresholds.update',
          channel: 'rest',
          outcome: 'allowed',
          detail: `${ruleId}.${param} = ${value === null ? 'default' : String(value)}`,
        });
        return { thresholds: await ctx.clinical.thresholds(request.params.id) };
      },
    );

    app.get(
      '/patients/:id/thresholds/history',
      {
        preHandler: clinical,
        schema: {
          tags: ['clinical'],
          summary: 'Every change of the patient’s thresholds: value, who, when, why',
          params: patientParams,
          response: { 200: thresholdHistoryResponseSchema, ...errors },
        },
      },
      async (request) => {
        await authorisePatient(ctx, request, request.params.id, 'thresholds.history');
        return { changes: await ctx.clinical.thresholdHistory(request.params.id) };
      },
    );

    app.post(
      '/patients/:id/observations',
      {
        preHandler: clinical,
        schema: {
          tags: ['clinical'],
          summary: 'Record a clinician’s observation (ACVPU consciousness, the only source of NEWS2 consciousness)',
          params: patientParams,
          body: observationRequestSchema,
          response: { 201: news2ResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        await authorisePatient(ctx, request, request.params.id, 'observation.create');
        const user = sessionOf(request).user;
        const at = request.body.at === undefined ? Date.now() : Date.parse(request.body.at);
        if (at > Date.now() + 5 * 60_000) throw new ApiError('API_VALIDATION_FAILED', 'An observation cannot be in the future');
        await ctx.clinical.recordConsciousness(request.params.id, request.body.value, at, user.id);
        return reply.code(201).send(ctx.clinical.news2(request.params.id));
      },
    );
  };
}
