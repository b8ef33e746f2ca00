import type { FastifyRequest } from 'fastify';
import type { AuditChannel } from '../audit/audit-log.ts';
import type { ServerContext } from '../context.ts';
import { sessionOf } from './authenticate-request.ts';
import { ApiError } from './errors.ts';

/**
 * Every access to a patient's data goes through here: it checks the care-team relationship and writes the audit
 * record, allowed or denied. A denied request gets the same 404 as a missing patient, so ids cannot be probed.
 */
export async function authorisePatient(
  ctx: ServerContext,
  request: FastifyRequest,
  patientId: string,
  action: string,
  channel: AuditChannel = 'rest',
): Promise<void> {
  const user = sessionOf(request).user;
  const exists = (await ctx.patients.nameOf(patientId)) !== undefined;
  const allowed = exists && (await ctx.access.canSeePatient(user, patientId));
  await ctx.audit.record({
    actor: user,
    patientId: exists ? patientId : undefined,
    action,
    channel,
    outcome: allowed ? 'allowed' : 'denied',
    ...(exists ? {} : { detail: 'no such patient' }),
  });
  if (!allowed) throw new ApiError('API_PATIENT_NOT_FOUND');
}
