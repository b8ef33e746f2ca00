import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ALERT_PRIORITIES, apiErrorSchema, rosterResponseSchema, type AlertPriority, type RosterEntry } from '@rpm/contracts';
import type { VitalPoint } from '@rpm/contracts';
import type { ServerContext } from '../../context.ts';
import { requireSession, sessionOf } from '../authenticate-request.ts';

/** Consciousness is observed by a clinician, not sent by a device: it does not end a device's silence. */
const DEVICE_PARAMETERS = new Set(['respiratory_rate', 'spo2', 'systolic_bp', 'pulse', 'temperature']);

type OpenAlerts = Record<AlertPriority, number>;

/**
 * The care team's patients with what the roster sorts and flags by. A fixed number of queries whatever the number
 * of patients: the patients, their open alerts grouped by priority, their devices grouped, their latest reading per
 * type from InfluxDB (every vital type, weight and glucose too); NEWS2 comes from the rules engine's memory
 * (ctx.clinical.news2), whose reading times also count when InfluxDB has not answered or lags behind.
 */
export function rosterRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/roster',
      {
        preHandler: requireSession(ctx, ['admin', 'clinician']),
        schema: {
          tags: ['patients'],
          summary: 'Patients of your care teams with open alerts, NEWS2, last reading and device status',
          response: { 200: rosterResponseSchema, 401: apiErrorSchema, 403: apiErrorSchema },
        },
      },
      async (request) => {
        const user = sessionOf(request).user;
        const teams = await ctx.access.visibleTeams(user);
        const patients = await ctx.patients.list(teams);
        const ids = patients.map((p) => p.id);
        const alerts = new Map<string, OpenAlerts>();
        const devices = new Map<string, { total: number; online: number; firstRegisteredAt: number }>();
        // Asked first and awaited last, so InfluxDB works while the database answers. A roster without InfluxDB is
        // still useful: it falls back to the NEWS2 reading times.
        const latestStored =
          ids.length === 0
            ? Promise.resolve(new Map<string, VitalPoint[]>())
            : ctx.vitals.latestByPatient(ids).catch((error: unknown) => {
                request.log.warn({ err: error }, 'InfluxDB latest readings failed; the roster uses NEWS2 reading times only');
                return new Map<string, VitalPoint[]>();
              });
        if (ids.length > 0) {
          // Visible teams already chose the patients; filter by their ids (SQLite handles a few thousand parameters).
          const alertRows = await ctx.db
            .selectFrom('alerts')
            .select((eb) => ['patient_id', 'priority', eb.fn.countAll<number>().as('n')])
            .where('status', '=', 'open')
            .where('patient_id', 'in', ids)
            .groupBy(['patient_id', 'priority'])
            .execute();
          for (const row of alertRows) {
            const counts = alerts.get(row.patient_id) ?? { high: 0, medium: 0, low: 0 };
            counts[row.priority] += row.n;
            alerts.set(row.patient_id, counts);
          }
          const deviceRows = await ctx.db
            .selectFrom('devices')
            .select((eb) => [
              'patient_id',
              eb.fn.countAll<number>().as('total'),
              eb.fn.sum<number>('online').as('online'),
              eb.fn.min<number>('registered_at').as('first_registered_at'),
            ])
            .where('active', '=', 1)
            .where('patient_id', 'in', ids)
            .groupBy('patient_id')
            .execute();
          for (const row of deviceRows)
            devices.set(row.patient_id, {
              total: row.total,
              online: row.online,
              firstRegisteredAt: row.first_registered_at,
            });
        }

        const stored = await latestStored;
        const entries: RosterEntry[] = patients.map((patient) => {
          const openAlerts = alerts.get(patient.id) ?? { high: 0, medium: 0, low: 0 };
          const news2 = ctx.clinical.news2(patient.id);
          let lastReading: number | undefined;
          for (const point of stored.get(patient.id) ?? []) {
            const at = Date.parse(point.at);
            if (lastReading === undefined || at > lastReading) lastReading = at;
          }
          for (const parameter of news2.parameters) {
            if (parameter.at === null || !DEVICE_PARAMETERS.has(parameter.name)) continue;
            const at = Date.parse(parameter.at);
            if (lastReading === undefined || at > lastReading) lastReading = at;
          }
          const own = devices.get(patient.id);
          return {
            id: patient.id,
            name: patient.name,
            programs: patient.programs,
            openAlerts,
            highestOpenPriority: ALERT_PRIORITIES.find((priority) => openAlerts[priority] > 0) ?? null,
            news2: { score: news2.score, risk: news2.risk, partial: news2.partial },
            lastReadingAt: lastReading === undefined ? null : new Date(lastReading).toISOString(),
            devices: {
              total: own?.total ?? 0,
              online: own?.online ?? 0,
              silentSinceMs: own === undefined ? null : (lastReading ?? own.firstRegisteredAt),
            },
          };
        });

        await ctx.audit.record({
          actor: user,
          action: 'roster.read',
          channel: 'rest',
          outcome: 'allowed',
          detail: `${entries.length} patients`,
        });
        return { patients: entries, generatedAt: new Date().toISOString() };
      },
    );
  };
}
