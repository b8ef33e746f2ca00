import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiErrorSchema, changePasswordRequestSchema, loginRequestSchema, loginResponseSchema, userSchema } from '@rpm/contracts';
import { accountKey, addressKey, type LoginThrottle } from '../../auth/login-throttle.ts';
import { verifySecret } from '../../auth/secret-hash.ts';
import { toUser } from '../../auth/user-store.ts';
import type { ServerContext } from '../../context.ts';
import { requireSession, sessionOf } from '../authenticate-request.ts';
import { ApiError } from '../errors.ts';

/** A real argon2id hash of a random string: unknown usernames cost the same time as wrong passwords. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2bN1GcyRoZy5jV1Lk0Ai6w9Y8w8lQd0mGmGL2k0Cq8E';

export interface AuthRoutesOptions {
  /** socket.io: drop the sockets of a session that ended */
  readonly onSessionEnded: (sessionId: string) => void;
  readonly throttle: LoginThrottle;
}

export function authRoutes(ctx: ServerContext, options: AuthRoutesOptions): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Log in; returns a bearer token',
          security: [],
          body: loginRequestSchema,
          response: { 200: loginResponseSchema, 400: apiErrorSchema, 401: apiErrorSchema, 429: apiErrorSchema },
        },
      },
      async (request, reply) => {
        const keys = [accountKey(request.body.username), addressKey(request.ip)];
        const waitMs = options.throttle.waitMs(keys);
        if (waitMs > 0) {
          await ctx.audit.record({
            actor: undefined,
            action: 'auth.login',
            channel: 'rest',
            outcome: 'denied',
            detail: `throttled for ${Math.ceil(waitMs / 1000)} s`,
          });
          void reply.header('Retry-After', String(Math.ceil(waitMs / 1000)));
          throw new ApiError('API_LOGIN_THROTTLED');
        }
        const row = await ctx.users.findByUsername(request.body.username);
        const ok = await verifySecret(request.body.password, row?.password_hash ?? DUMMY_HASH);
        if (row === undefined || !ok || row.disabled_at !== null) {
          options.throttle.failed(keys);
          throw new ApiError('API_LOGIN_FAILED');
        }
        options.throttle.succeeded([keys[0] ?? '']);
        const { id, token, expiresAt } = await ctx.sessions.create(row.id);
        // Disabling the account or changing its password while this login verified the old row revoked the sessions
        // that existed then, not this one: look again, and give the session up if the account changed meanwhile.
        const now = await ctx.users.findById(row.id);
        if (now === undefined || now.disabled_at !== null || now.password_hash !== row.password_hash) {
          await ctx.sessions.revoke(id);
          throw new ApiError('API_LOGIN_FAILED');
        }
        return { token, expiresAt: new Date(expiresAt).toISOString(), user: toUser(row) };
      },
    );

    app.post(
      '/auth/logout',
      {
        preHandler: requireSession(ctx),
        schema: {
          tags: ['auth'],
          summary: 'End this session (its sockets are dropped)',
          response: { 204: z.null(), 401: apiErrorSchema },
        },
      },
      async (request, reply) => {
        const session = sessionOf(request);
        await ctx.sessions.revoke(session.id);
        options.onSessionEnded(session.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/me',
      {
        preHandler: requireSession(ctx),
        schema: { tags: ['auth'], summary: 'The logged-in user', response: { 200: userSchema, 401: apiErrorSchema } },
      },
      (request) => Promise.resolve(sessionOf(request).user),
    );

    app.put(
      '/me/password',
      {
        preHandler: requireSession(ctx),
        schema: {
          tags: ['auth'],
          summary: 'Change your own password; your other sessions are revoked (this one stays)',
          description: 'A wrong current password counts as a failed sign-in (same throttle as POST /auth/login).',
          body: changePasswordRequestSchema,
          response: { 204: z.null(), 400: apiErrorSchema, 401: apiErrorSchema, 429: apiErrorSchema },
        },
      },
      async (request, reply) => {
        const session = sessionOf(request);
        const audit = (outcome: 'allowed' | 'denied', detail: string): Promise<void> =>
          ctx.audit.record({ actor: session.user, action: 'user.password.change', channel: 'rest', outcome, detail });
        const keys = [accountKey(session.user.username), addressKey(request.ip)];
        const waitMs = options.throttle.waitMs(keys);
        if (waitMs > 0) {
          await audit('denied', `throttled for ${Math.ceil(waitMs / 1000)} s`);
          void reply.header('Retry-After', String(Math.ceil(waitMs / 1000)));
          throw new ApiError('API_LOGIN_THROTTLED');
        }
        const row = await ctx.users.findById(session.user.id);
        // a stolen session alone must not be enough to take the account over: the current password is required
        if (row === undefined || !(await verifySecret(request.body.currentPassword, row.password_hash))) {
          options.throttle.failed(keys);
          await audit('denied', 'wrong current password');
          throw new ApiError('API_CURRENT_PASSWORD_WRONG');
        }
        options.throttle.succeeded([keys[0] ?? '']);
        await ctx.users.setPassword(session.user.id, request.body.newPassword);
        const revoked = await ctx.sessions.revokeAllOfUser(session.user.id, session.id);
        await audit('allowed', `other sessions revoked: ${revoked}`);
        return reply.code(204).send(null);
      },
    );
  };
}
