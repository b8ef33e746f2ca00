import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  apiErrorSchema,
  correctionSchema,
  correctionStatusRequestSchema,
  correctionsResponseSchema,
  newPassportEntryRequestSchema,
  passportHistorySchema,
  passportSchema,
  passportWriteResponseSchema,
  supersedePassportEntryRequestSchema,
  type PassportVersion,
} from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import type { PassportRefusal } from '../../passport/passport-store.ts';
import { requireSession, sessionOf } from '../authenticate-request.ts';
import { authorisePatient } from '../authorise-patient.ts';
import { ApiError, type ApiErrorCode } from '../errors.ts';

const patientParams = z.object({ id: z.uuid() });
const entryParams = z.object({ id: z.uuid(), entryId: z.uuid() });
const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };

const REFUSALS: Record<PassportRefusal, ApiErrorCode> = {
  not_found: 'API_PASSPORT_ENTRY_NOT_FOUND',
  ended: 'API_PASSPORT_ENTRY_ENDED',
  changed: 'API_PASSPORT_ENTRY_CHANGED',
  section_mismatch: 'API_PASSPORT_SECTION_MISMATCH',
  single_exists: 'API_PASSPORT_SINGLE_ENTRY',
};

/**
 * The electronic health passport (../shared/seeds 000) and patients' correction requests, for admins and the
 * clinicians of the patient's care teams. Nothing is deleted: an entry is corrected or ended by a new version that
 * supersedes it, with who, when and why. Every read and change is audited.
 */
export function passportRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  /** Audits a write that was authorised but refused, then answers its error. */
  async function refuse(request: FastifyRequest, patientId: string, action: string, refusal: PassportRefusal): Promise<never> {
    const code = REFUSALS[refusal];
    await ctx.audit.record({ actor: sessionOf(request).user, patientId, action, channel: 'rest', outcome: 'failed', detail: code });
    throw new ApiError(code);
  }

  async function recorded(request: FastifyRequest, patientId: string, action: string, v: PassportVersion): Promise<void> {
    await ctx.audit.record({
      actor: sessionOf(request).user,
      patientId,
      action,
      channel: 'rest',
      outcome: 'allowed',
      detail: `${v.section} entry ${v.entryId} ${v.change} (version ${v.version})`,
    });
  }

  return async (app) => {
    const clinical = requireSession(ctx, ['admin', 'clinician']);

    app.get(
      '/patients/:id/passport',
      {
        preHandler: clinical,
        schema: {
          tags: ['passport'],
          summary: 'The patient’s health passport: the entries in force, each with its author and version',
          params: patientParams,
          response: { 200: passportSchema, ...errors },
        },
      },
      async (request) => {
        await authorisePatient(ctx, request, request.params.id, 'passport.read');
        return ctx.passport.current(request.params.id);
      },
    );

    app.get(
      '/patients/:id/passport/history',
      {
        preHandler: clinical,
        schema: {
          tags: ['passport'],
          summary: 'Every version of every passport entry, oldest first: what, who, when and why',
          params: patientParams,
          response: { 200: passportHistorySchema, ...errors },
        },
      },
      async (request) => {
        await authorisePatient(ctx, request, request.params.id, 'passport.history');
        return { patientId: request.params.id, versions: await ctx.passport.history(request.params.id) };
      },
    );

    app.post(
      '/patients/:id/passport/entries',
      {
        preHandler: clinical,
        schema: {
          tags: ['passport'],
          summary: 'Record a new passport entry in one section',
          description:
            'Sections: registration (clinic and district doctor; one at a time), diagnosis (ICD-10), prescription (and the ' +
            'dispensing pharmacy), hospitalisation (and the referring organisation), sick_leave (certificate number), ' +
            'dispensary (register for a chronic condition, ICD-10), entitlement (free service or medicine).',
          params: patientParams,
          body: newPassportEntryRequestSchema,
          response: { 201: passportWriteResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const patientId = request.params.id;
        await authorisePatient(ctx, request, patientId, 'passport.record');
        const result = await ctx.passport.record(patientId, request.body, sessionOf(request).user.id);
        if (typeof result === 'string') return refuse(request, patientId, 'passport.record', result);
        await recorded(request, patientId, 'passport.record', result);
        return reply.code(201).send(result);
      },
    );

    app.post(
      '/patients/:id/passport/entries/:entryId/supersede',
      {
        preHandler: clinical,
        schema: {
          tags: ['passport'],
          summary: 'Correct an entry (new data of its section) or end it (`ended: true`); the reason is required',
          description:
            'The current version stays in the history, superseded by the one recorded here. Send `version` (the version ' +
            'you edited) to get 409 instead of overwriting someone else’s change made meanwhile.',
          params: entryParams,
          body: supersedePassportEntryRequestSchema,
          response: { 201: passportWriteResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { id: patientId, entryId } = request.params;
        await authorisePatient(ctx, request, patientId, 'passport.supersede');
        const result = await ctx.passport.supersede(patientId, entryId, request.body, sessionOf(request).user.id);
        if (typeof result === 'string') return refuse(request, patientId, 'passport.supersede', result);
        await recorded(request, patientId, 'passport.supersede', result);
        return reply.code(201).send(result);
      },
    );

    app.get(
      '/patients/:id/corrections',
      {
        preHandler: clinical,
        schema: {
          tags: ['passport'],
          summary: 'The patient’s requests to correct their passport, newest first, with every answer',
          params: patientParams,
          response: { 200: correctionsResponseSchema, ...errors },
        },
      },
      async (request) => {
        await authorisePatient(ctx, request, request.params.id, 'correction.list');
        return { corrections: await ctx.corrections.listForPatient(request.params.id) };
      },
    );

    app.post(
      '/corrections/:id/status',
      {
        preHandler: clinical,
        schema: {
          tags: ['passport'],
          summary: 'Answer a correction request: accepted, rejected or done, with a note the patient reads',
          params: patientParams,
          body: correctionStatusRequestSchema,
          response: { 200: correctionSchema, ...errors },
        },
      },
      async (request) => {
        const user = sessionOf(request).user;
        const correction = await ctx.corrections.get(request.params.id);
        if (correction === undefined) throw new ApiError('API_CORRECTION_NOT_FOUND');
        try {
          await authorisePatient(ctx, request, correction.patientId, 'correction.answer');
        } catch (error) {
          // the same answer as an unknown request, so ids cannot be probed
          if (error instanceof ApiError && error.code === 'API_PATIENT_NOT_FOUND') throw new ApiError('API_CORRECTION_NOT_FOUND');
          throw error;
        }
        const { status, note } = request.body;
        const result = await ctx.corrections.answer(correction.id, status, note, user.id);
        if (result === 'not_found') throw new ApiError('API_CORRECTION_NOT_FOUND');
        const detail = `correction ${correction.id}: ${correction.status} → ${status}`;
        if (result === 'invalid_transition') {
          await ctx.audit.record({
            actor: user,
            patientId: correction.patientId,
            action: 'correction.answer',
            channel: 'rest',
            outcome: 'failed',
            detail,
          });
          throw new ApiError('API_CORRECTION_STATUS_INVALID');
        }
        await ctx.audit.record({
          actor: user,
          patientId: correction.patientId,
          action: 'correction.answer',
          channel: 'rest',
          outcome: 'allowed',
          detail,
        });
        return result;
      },
    );
  };
}
