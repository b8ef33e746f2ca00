import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  apiErrorSchema,
  listUsersQuerySchema,
  resetPasswordRequestSchema,
  userAccountSchema,
  userDetailSchema,
  userIdParamsSchema,
  usersResponseSchema,
} from '@rpm/contracts';
import { toUserAccount } from '../../auth/user-store.ts';
import type { AuditEvent } from '../../audit/audit-log.ts';
import type { ServerContext } from '../../context.ts';
import { sessionOf } from '../authenticate-request.ts';
import { ApiError, type ApiErrorCode } from '../errors.ts';
import { requireAdminAudited } from './audited-admin-guard.ts';

const denied = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema };
const withTarget = { ...denied, 404: apiErrorSchema };

/**
 * User administration (admin only; every call audited, refusals too). Disabling an account or resetting its
 * password revokes all its sessions, which also drops its live sockets (SessionStore.onUserSessionsRevoked).
 */
export function userAdminRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const audit = (request: FastifyRequest, event: Omit<AuditEvent, 'actor' | 'channel'>): Promise<void> =>
      ctx.audit.record({ ...event, actor: sessionOf(request).user, channel: 'rest' });
    /** Audits the refusal, then answers it. */
    const refuse = async (request: FastifyRequest, action: string, code: ApiErrorCode, detail: string): Promise<never> => {
      await audit(request, { action, outcome: code === 'API_USER_NOT_FOUND' ? 'failed' : 'denied', detail });
      throw new ApiError(code);
    };

    app.get(
      '/users',
      {
        preHandler: requireAdminAudited(ctx, 'user.list'),
        schema: {
          tags: ['admin'],
          summary: 'Users, ordered by username (active ones unless includeDisabled=true)',
          querystring: listUsersQuerySchema,
          response: { 200: usersResponseSchema, ...denied },
        },
      },
      async (request) => {
        const { role, includeDisabled, after, limit } = request.query;
        const rows = await ctx.users.list({ role, includeDisabled: includeDisabled === 'true', after, limit });
        await audit(request, {
          action: 'user.list',
          outcome: 'allowed',
          detail: `${rows.length} users${role === undefined ? '' : ` of role ${role}`}`,
        });
        return { users: rows.map(toUserAccount), next: rows.length === limit ? (rows.at(-1)?.username ?? null) : null };
      },
    );

    app.get(
      '/users/:userId',
      {
        preHandler: requireAdminAudited(ctx, 'user.read'),
        schema: {
          tags: ['admin'],
          summary: 'One user, with the care teams they belong to',
          params: userIdParamsSchema,
          response: { 200: userDetailSchema, ...withTarget },
        },
      },
      async (request) => {
        const { userId } = request.params;
        const row = await ctx.users.findById(userId);
        if (row === undefined) return refuse(request, 'user.read', 'API_USER_NOT_FOUND', `user ${userId}`);
        await audit(request, { action: 'user.read', outcome: 'allowed', detail: `user ${userId}` });
        return { ...toUserAccount(row), teamIds: await ctx.teams.teamIdsOfUser(userId) };
      },
    );

    app.post(
      '/users/:userId/disable',
      {
        preHandler: requireAdminAudited(ctx, 'user.disable'),
        schema: {
          tags: ['admin'],
          summary: 'Disable a user: no more logins, every session revoked and live socket dropped at once; idempotent',
          description: 'Refused (409) for your own account and for the last active administrator.',
          params: userIdParamsSchema,
          response: { 200: userAccountSchema, ...withTarget, 409: apiErrorSchema },
        },
      },
      async (request) => {
        const { userId } = request.params;
        const action = 'user.disable';
        if (userId === sessionOf(request).user.id) return refuse(request, action, 'API_SELF_DISABLE', `user ${userId}: own account`);
        const outcome = await ctx.users.disable(userId);
        switch (outcome) {
          case 'not-found':
            return refuse(request, action, 'API_USER_NOT_FOUND', `user ${userId}`);
          case 'last-admin':
            return refuse(request, action, 'API_LAST_ADMIN', `user ${userId}: last active admin`);
          case 'disabled':
          case 'already-disabled': {
            // again when already disabled: harmless, and it revokes a session a login racing the first disable created
            const revoked = await ctx.sessions.revokeAllOfUser(userId);
            const state = outcome === 'disabled' ? 'disabled' : 'was already disabled';
            await audit(request, { action, outcome: 'allowed', detail: `user ${userId} ${state}; sessions revoked: ${revoked}` });
            const row = await ctx.users.findById(userId);
            if (row === undefined) throw new ApiError('API_USER_NOT_FOUND');
            return toUserAccount(row);
          }
        }
      },
    );

    app.post(
      '/users/:userId/enable',
      {
        preHandler: requireAdminAudited(ctx, 'user.enable'),
        schema: {
          tags: ['admin'],
          summary: 'Re-enable a disabled user (they log in again; old sessions stay revoked); idempotent',
          params: userIdParamsSchema,
          response: { 200: userAccountSchema, ...withTarget },
        },
      },
      async (request) => {
        const { userId } = request.params;
        const before = await ctx.users.findById(userId);
        if (before === undefined) return refuse(request, 'user.enable', 'API_USER_NOT_FOUND', `user ${userId}`);
        if (before.disabled_at === null) {
          await audit(request, { action: 'user.enable', outcome: 'allowed', detail: `user ${userId} was already enabled` });
          return toUserAccount(before);
        }
        // A login that read the row just before the disable may have created its session just after the revocation;
        // revoked before the account is live again, no session from before re-enabling comes back to life.
        const revoked = await ctx.sessions.revokeAllOfUser(userId);
        const row = await ctx.users.enable(userId);
        if (row === undefined) return refuse(request, 'user.enable', 'API_USER_NOT_FOUND', `user ${userId}`);
        await audit(request, { action: 'user.enable', outcome: 'allowed', detail: `user ${userId} enabled; sessions revoked: ${revoked}` });
        return toUserAccount(row);
      },
    );

    app.put(
      '/users/:userId/password',
      {
        preHandler: requireAdminAudited(ctx, 'user.password.reset'),
        schema: {
          tags: ['admin'],
          summary: 'Set a temporary password for a user; every session of theirs (but your own) is revoked',
          params: userIdParamsSchema,
          body: resetPasswordRequestSchema,
          response: { 204: z.null(), ...withTarget },
        },
      },
      async (request, reply) => {
        const { userId } = request.params;
        if ((await ctx.users.findById(userId)) === undefined) {
          return refuse(request, 'user.password.reset', 'API_USER_NOT_FOUND', `user ${userId}`);
        }
        await ctx.users.setPassword(userId, request.body.password);
        const own = sessionOf(request);
        const revoked = await ctx.sessions.revokeAllOfUser(userId, userId === own.user.id ? own.id : undefined);
        await audit(request, { action: 'user.password.reset', outcome: 'allowed', detail: `user ${userId}; sessions revoked: ${revoked}` });
        return reply.code(204).send(null);
      },
    );
  };
}
