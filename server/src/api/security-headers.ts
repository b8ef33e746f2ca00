import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every response. The dashboard's CSP has no 'unsafe-inline': scripts and styles come only
 * from our origin. The API docs page sets its own CSP (swagger-ui's staticCSP).
 */
const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function addSecurityHeaders(app: FastifyInstance, docsPrefix: string): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (!request.url.startsWith(docsPrefix)) reply.header('Content-Security-Policy', DASHBOARD_CSP);
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });
}
