import { ALERT_PRIORITIES, PrometheusText } from '@rpm/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ServerContext } from '../../context.ts';

/**
 * Prometheus metrics at /metrics: counts and gauges only — no patient, device or person identifiers — so it is
 * served without a session, like every Prometheus target; keep the port off the public network.
 */
export function metricsRoutes(ctx: ServerContext, sockets: () => number): FastifyPluginAsync {
  return async (app) => {
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      const out = new PrometheusText();
      ctx.ingestHealth.renderMetrics(out);
      out.single('rpm_realtime_sockets', 'gauge', 'Dashboard sockets connected', sockets());
      out.family('rpm_alerts_raised_total', 'counter', 'Alerts raised, by priority');
      for (const priority of ALERT_PRIORITIES)
        out.sample('rpm_alerts_raised_total', ctx.alerts.raisedByPriority.get(priority) ?? 0, { priority });
      return reply.type('text/plain; version=0.0.4; charset=utf-8').send(out.toString());
    });
  };
}
