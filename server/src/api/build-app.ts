import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ServerContext } from '../context.ts';
import { LoginThrottle } from '../auth/login-throttle.ts';
import { errorHandler } from './error-handler.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { alertRoutes } from './routes/alert-routes.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { careTeamRoutes } from './routes/care-team-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { metricsRoutes } from './routes/metrics-routes.ts';
import { opsRoutes } from './routes/ops-routes.ts';
import { clinicalRoutes } from './routes/clinical-routes.ts';
import { deviceRoutes } from './routes/device-routes.ts';
import { fhirRoutes } from './routes/fhir-routes.ts';
import { passportRoutes } from './routes/passport-routes.ts';
import { patientAccessLogRoutes } from './routes/patient-access-log-routes.ts';
import { patientRoutes } from './routes/patient-routes.ts';
import { portalRoutes } from './routes/portal-routes.ts';
import { rosterRoutes } from './routes/roster-routes.ts';
import { teamMemberRoutes } from './routes/team-member-routes.ts';
import { userAdminRoutes } from './routes/user-admin-routes.ts';
import { vitalsRoutes } from './routes/vitals-routes.ts';
import { addSecurityHeaders } from './security-headers.ts';

export const API_PREFIX = '/api/v1';
const DOCS_PREFIX = `${API_PREFIX}/docs`;

export interface AppOptions {
  /** the built dashboard (dashboard/dist); the API still works without it */
  readonly dashboardDir: string;
  /** pino logger; none in unit tests */
  readonly logger: FastifyBaseLogger | undefined;
  readonly onSessionEnded: (sessionId: string) => void;
  readonly connectedSockets: () => number;
}

/** Builds the HTTP app without listening (tests use app.inject()). */
export async function buildApp(ctx: ServerContext, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger === undefined ? { logger: false } : { loggerInstance: options.logger }),
    // one line per request is noise at this volume; errors are still logged by the error handler
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('session', undefined);
  addSecurityHeaders(app, DOCS_PREFIX);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'RPM platform API', version: '1.0.0', description: 'Remote patient monitoring: patients, devices, vitals, alerts.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX, staticCSP: true });

  await app.register(
    async (api) => {
      await api.register(healthRoutes(ctx));
      await api.register(authRoutes(ctx, { onSessionEnded: options.onSessionEnded, throttle: new LoginThrottle() }));
      await api.register(patientRoutes(ctx));
      await api.register(deviceRoutes(ctx));
      await api.register(clinicalRoutes(ctx));
      await api.register(vitalsRoutes(ctx));
      await api.register(alertRoutes(ctx));
      await api.register(adminRoutes(ctx));
      await api.register(userAdminRoutes(ctx));
      await api.register(opsRoutes(ctx));
      await api.register(passportRoutes(ctx));
      await api.register(portalRoutes(ctx));
      await api.register(auditRoutes(ctx));
      await api.register(fhirRoutes(ctx));
      await api.register(rosterRoutes(ctx));
      await api.register(teamMemberRoutes(ctx));
      await api.register(careTeamRoutes(ctx));
      await api.register(patientAccessLogRoutes(ctx));
      api.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
    },
    { prefix: API_PREFIX },
  );
  // Kubernetes-style probes also at the root, where load balancers look for them.
  await app.register(healthRoutes(ctx));
  await app.register(metricsRoutes(ctx, options.connectedSockets));

  const hasDashboard = existsSync(join(options.dashboardDir, 'index.html'));
  if (hasDashboard) {
    await app.register(fastifyStatic, {
      root: options.dashboardDir,
      wildcard: false,
      // Vite names assets by content hash: cache them for ever; index.html must be re-read to pick up a new build
      setHeaders: (res, path) => {
        res.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (!request.url.startsWith('/api/') && hasDashboard && request.method === 'GET') return reply.sendFile('index.html');
    return reply
      .code(404)
      .send({ statusCode: 404, code: 'API_NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0] ?? ''}` });
  });
  return app;
}
