import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../../context.ts';
import { requireSession } from '../authenticate-request.ts';
import { ApiError } from '../errors.ts';

/**
 * preHandler: a live admin session, like requireSession(ctx, ['admin']), but a logged-in non-admin's attempt is
 * recorded in the audit log as denied before the 403: probing user administration is worth an admin's attention.
 * Requests without a live session are not recorded (no actor to name, and anyone could fill the log with them).
 */
export function requireAdminAudited(ctx: ServerContext, action: string) {
  const anySession = requireSession(ctx);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await anySession(request, reply);
    const user = request.session?.user;
    if (user === undefined || user.role === 'admin') return;
    await ctx.audit.record({ actor: user, action, channel: 'rest', outcome: 'denied', detail: 'not an admin' });
    throw new ApiError('API_FORBIDDEN');
  };
}
