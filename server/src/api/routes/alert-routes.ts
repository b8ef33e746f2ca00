import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  alertEventSchema,
  alertSchema,
  alertsQuerySchema,
  alertsResponseSchema,
  apiErrorSchema,
  assignAlertRequestSchema,
  resolveAlertRequestSchema,
  snoozeAlertRequestSchema,
  type Alert,
} from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { requireSession, sessionOf } from '../authenticate-request.ts';
import { authorisePatient } from '../authorise-patient.ts';
import { ApiError } from '../errors.ts';

const idParams = z.object({ id: z.uuid() });
const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };

export function alertRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  /** The alert, after checking (and auditing) that the caller may see its patient. */
  async function loadAlert(request: FastifyRequest, id: string, action: string): Promise<Alert> {
    const alert = await ctx.alertStore.get(id);
    if (alert === undefined) throw new ApiError('API_ALERT_NOT_FOUND');
    await authorisePatient(ctx, request, alert.patientId, action);
    return alert;
  }

  /** A transition answers 409 when the alert was no longer in a state that allows it. */
  const changed = (alert: Alert | undefined): Alert => {
    if (alert === undefined) throw new ApiError('API_ALERT_NOT_OPEN');
    return alert;
  };

  return async (app) => {
    const clinical = requireSession(ctx, ['admin', 'clinician']);

    app.get(
      '/alerts',
      {
        preHandler: clinical,
        schema: {
          tags: ['alerts'],
          summary: 'Alerts of your care teams’ patients (default: open and acknowledged), newest first',
          querystring: alertsQuerySchema,
          response: { 200: alertsResponseSchema, ...errors },
        },
      },
      async (request) => {
        const user = sessionOf(request).user;
        const q = request.query;
        if (q.patientId !== undefined) await authorisePatient(ctx, request, q.patientId, 'alert.list');
        const alerts = await ctx.alertStore.list({
          status: q.status,
          patientId: q.patientId,
          priority: q.priority,
          assignedTo: q.assignedTo === 'me' ? user.id : q.assignedTo,
          teamIds: await ctx.access.visibleTeams(user),
          limit: q.limit,
        });
        if (q.patientId === undefined)
          await ctx.audit.record({
            actor: user,
            action: 'alert.list',
            channel: 'rest',
            outcome: 'allowed',
            detail: `${alerts.length} alerts`,
          });
        return { alerts };
      },
    );

    app.get(
      '/alerts/:id/events',
      {
        preHandler: clinical,
        schema: {
          tags: ['alerts'],
          summary: 'The alert’s history: every transition, who and when',
          params: idParams,
          response: { 200: z.object({ events: z.array(alertEventSchema) }), ...errors },
        },
      },
      async (request) => {
        await loadAlert(request, request.params.id, 'alert.history');
        return { events: await ctx.alertStore.events(request.params.id) };
      },
    );

    app.post(
      '/alerts/:id/acknowledge',
      {
        preHandler: clinical,
        schema: {
          tags: ['alerts'],
          summary: 'Acknowledge an open alert (stops its escalation)',
          params: idParams,
          response: { 200: alertSchema, ...errors },
        },
      },
      async (request) => {
        await loadAlert(request, request.params.id, 'alert.acknowledge');
        return changed(await ctx.alerts.acknowledge(request.params.id, sessionOf(request).user.id));
      },
    );

    app.post(
      '/alerts/:id/resolve',
      {
        preHandler: clinical,
        schema: {
          tags: ['alerts'],
          summary: 'Resolve an alert, with a note of what was done',
          params: idParams,
          body: resolveAlertRequestSchema,
          response: { 200: alertSchema, ...errors },
        },
      },
      async (request) => {
        await loadAlert(request, request.params.id, 'alert.resolve');
        const resolved = changed(await ctx.alerts.resolve(request.params.id, sessionOf(request).user.id, request.body.note));
        // the rule starts a new episode: the next abnormal reading raises a new alert, even if no worse
        ctx.clinical.engine.resolvedByPerson(resolved.patientId, resolved.ruleId);
        return resolved;
      },
    );

    app.post(
      '/alerts/:id/assign',
      {
        preHandler: clinical,
        schema: {
          tags: ['alerts'],
          summary: 'Assign an alert to a member of the patient’s care team',
          params: idParams,
          body: assignAlertRequestSchema,
          response: { 200: alertSchema, ...errors },
        },
      },
      async (request) => {
        const alert = await loadAlert(request, request.params.id, 'alert.assign');
        const [assigneeTeams, patientTeams] = await Promise.all([
          ctx.teams.teamIdsOfUser(request.body.userId),
          ctx.patients.teamIdsOf(alert.patientId),
        ]);
        if (!assigneeTeams.some((t) => patientTeams.includes(t))) throw new ApiError('API_ASSIGNEE_NOT_IN_TEAM');
        return changed(await ctx.alerts.assign(alert.id, request.body.userId, sessionOf(request).user.id));
      },
    );

    app.post(
      '/alerts/:id/snooze',
      {
        preHandler: clinical,
        schema: {
          tags: ['alerts'],
          summary: 'Snooze an alert for up to 24 hours: it leaves the active queue and does not escalate until then',
          params: idParams,
          body: snoozeAlertRequestSchema,
          response: { 200: alertSchema, ...errors },
        },
      },
      async (request) => {
        await loadAlert(request, request.params.id, 'alert.snooze');
        return changed(await ctx.alerts.snooze(request.params.id, request.body.minutes, sessionOf(request).user.id, request.body.reason));
      },
    );
  };
}
