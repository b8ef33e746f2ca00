import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { requireSession, sessionOf } from '../authenticate-request.ts';
import { ApiError } from '../errors.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };
const memberParamsSchema = z.object({ teamId: z.uuid(), userId: z.uuid() });

/** Care-team membership (admin only). Ending one takes effect at once: REST, and the user's live sockets. */
export function teamMemberRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.delete(
      '/teams/:teamId/members/:userId',
      {
        preHandler: requireSession(ctx, ['admin']),
        schema: {
          tags: ['admin'],
          summary: 'Remove a user from a care team (their sockets leave its room at once); idempotent',
          params: memberParamsSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const { teamId, userId } = request.params;
        if (!(await ctx.teams.exists(teamId))) throw new ApiError('API_TEAM_NOT_FOUND');
        const removed = await ctx.teams.removeMember(teamId, userId);
        await ctx.audit.record({
          actor: sessionOf(request).user,
          action: 'team.member.remove',
          channel: 'rest',
          outcome: 'allowed',
          detail: removed ? `user ${userId} left team ${teamId}` : `user ${userId} was not a member of team ${teamId}`,
        });
        return reply.code(204).send(null);
      },
    );
  };
}
