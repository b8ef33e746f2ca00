import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserRole } from '@rpm/contracts';
import type { Session } from '../auth/session-store.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | undefined;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^Bearer\s+([A-Za-z0-9_-]{16,128})$/.exec(header);
  return m?.[1];
}

/** preHandler: the request must carry a live session (and, when given, one of the roles). */
export function requireSession(ctx: ServerContext, roles?: readonly UserRole[]) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) throw new ApiError('API_UNAUTHENTICATED');
    const session = await ctx.sessions.verify(token);
    if (session === undefined) throw new ApiError('API_SESSION_EXPIRED');
    if (roles !== undefined && !roles.includes(session.user.role)) throw new ApiError('API_FORBIDDEN');
    request.session = session;
  };
}

/** The session set by requireSession (routes behind it always have one). */
export function sessionOf(request: FastifyRequest): Session {
  if (request.session === undefined) throw new ApiError('API_UNAUTHENTICATED');
  return request.session;
}
