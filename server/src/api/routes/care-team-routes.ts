import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, careTeamResponseSchema } from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { requireSession } from '../authenticate-request.ts';
import { authorisePatient } from '../authorise-patient.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };

/** Who is on a patient's care teams: the people an alert of the patient may be assigned to. */
export function careTeamRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/patients/:id/care-team',
      {
        preHandler: requireSession(ctx, ['admin', 'clinician']),
        schema: {
          tags: ['patients'],
          summary: 'Members of the patient’s care teams (each user once, with role and escalation tier)',
          params: z.object({ id: z.uuid() }),
          response: { 200: careTeamResponseSchema, ...errors },
        },
      },
      async (request) => {
        const patientId = request.params.id;
        await authorisePatient(ctx, request, patientId, 'care_team.read');
        return { members: await ctx.teams.membersOf(await ctx.patients.teamIdsOf(patientId)) };
      },
    );
  };
}
