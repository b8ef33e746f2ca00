import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, createTeamRequestSchema, createUserRequestSchema, teamSchema, userSchema } from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { requireSession, sessionOf } from '../authenticate-request.ts';
import { ApiError } from '../errors.ts';
import { requireAdminAudited } from './audited-admin-guard.ts';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };

/** Users and care teams (admin only). */
export function adminRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const admin = requireSession(ctx, ['admin']);

    app.post(
      '/teams',
      {
        preHandler: admin,
        schema: { tags: ['admin'], summary: 'Create a care team', body: createTeamRequestSchema, response: { 201: teamSchema, ...errors } },
      },
      async (request, reply) => reply.code(201).send(await ctx.teams.create(request.body.name)),
    );

    app.get(
      '/teams',
      {
        preHandler: admin,
        schema: { tags: ['admin'], summary: 'Care teams', response: { 200: z.object({ teams: z.array(teamSchema) }), ...errors } },
      },
      async () => ({
        teams: await ctx.teams.list(),
      }),
    );

    app.post(
      '/users',
      {
        preHandler: requireAdminAudited(ctx, 'user.create'),
        schema: {
          tags: ['admin'],
          summary: 'Create a user (clinicians may join a team)',
          body: createUserRequestSchema,
          response: { 201: userSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { teamId, ...fields } = request.body;
        if (teamId !== undefined && !(await ctx.teams.exists(teamId))) throw new ApiError('API_TEAM_NOT_FOUND');
        if ((await ctx.users.findByUsername(fields.username)) !== undefined) throw new ApiError('API_USERNAME_TAKEN');
        const user = await ctx.users.create(fields);
        if (teamId !== undefined) await ctx.teams.addMember(teamId, user.id, 'nurse');
        await ctx.audit.record({
          actor: sessionOf(request).user,
          action: 'user.create',
          channel: 'rest',
          outcome: 'allowed',
          detail: `${user.role} ${user.username}`,
        });
        return reply.code(201).send(user);
      },
    );
  };
}
