import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@rpm/contracts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import {
  answerProblems,
  declaredResponse,
  malformedRequests,
  operationsOf,
  send,
  validRequest,
  type OpenApiDocument,
  type Operation,
  type ProbeAnswer,
} from '../harness/openapi-operations.ts';
import { startTestPlatform, type TestPlatform } from '../harness/platform.ts';
import { provisionDevice } from '../harness/provision.ts';

const ROLES = ['admin', 'clinician', 'ops', 'patient'] as const;
type Role = (typeof ROLES)[number];
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Issue #5 item 11: the OpenAPI document covers every route with its schemas and error responses. Every operation
 * the document lists is sent the requests that provoke errors — no token, a garbage, an expired and a revoked token,
 * a live session of each role, unknown ids, each input malformed in turn — and every status answered must be one
 * the operation declares, with an error body of the declared schema. A route added without its error responses
 * fails here, named with the probe that showed it.
 */
describe('OpenAPI document: every operation declares what it answers', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let operations: Operation[];
  const users = new Map<Role, User>();
  /** every answer, probed once in beforeAll, by operation name */
  const answers = new Map<string, ProbeAnswer[]>();

  /** A fresh session per probe: some operations end the session that calls them (logout, password change). */
  async function sessionOf(role: Role, createdAt = Date.now()): Promise<string> {
    const ctx = platform.platform.httpServer?.ctx;
    const user = users.get(role);
    if (ctx === undefined || user === undefined) throw new Error(`no ${role} to log in`);
    return (await ctx.sessions.create(user.id, createdAt)).token;
  }

  async function probe(op: Operation): Promise<ProbeAnswer[]> {
    const requests = [validRequest(op, 'no token', undefined), validRequest(op, 'garbage token', 'garbage-token-0123456789abcdef')];
    if (op.authenticated) {
      const ctx = platform.platform.httpServer?.ctx;
      const revoked = await sessionOf('clinician');
      const verified = await ctx?.sessions.verify(revoked);
      if (verified !== undefined) await ctx?.sessions.revoke(verified.id);
      requests.push(validRequest(op, 'expired session', await sessionOf('clinician', Date.now() - 30 * DAY_MS)));
      requests.push(validRequest(op, 'revoked session', revoked));
      for (const role of ROLES) requests.push(validRequest(op, `${role}, unknown ids`, await sessionOf(role)));
    }
    requests.push(...malformedRequests(op, await sessionOf('admin')));
    const out: ProbeAnswer[] = [];
    for (const request of requests) out.push(await send(platform.httpUrl, op, request));
    return out;
  }

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    const d = await provisionDevice(platform.admin, 'Coverage patient');
    users.set('admin', await platform.admin.expect<User>(200, 'GET', '/me'));
    const create = (username: string, role: Role): Promise<User> =>
      platform.admin.expect<User>(201, 'POST', '/users', {
        username,
        password: `${username}-password`,
        displayName: username,
        role,
        ...(role === 'clinician' ? { teamId: d.teamId } : {}),
      });
    users.set('clinician', await create('coverage.nurse', 'clinician'));
    users.set('ops', await create('coverage.ops', 'ops'));
    users.set(
      'patient',
      await platform.admin.expect<User>(201, 'POST', `/patients/${d.patientId}/portal-user`, {
        username: 'coverage.patient',
        password: 'coverage.patient-password',
        displayName: 'Coverage patient',
      }),
    );
    const res = await fetch(`${platform.httpUrl}/api/v1/openapi.json`);
    operations = operationsOf((await res.json()) as OpenApiDocument);
    for (const op of operations) answers.set(op.name, await probe(op));
  });

  afterAll(async () => {
    await platform.stop();
    await influx.stop();
  });

  it('lists the API’s operations, user administration among them', () => {
    const names = operations.map((op) => op.name);
    expect(names.length).toBeGreaterThan(50);
    expect(names).toEqual(expect.arrayContaining(['GET /api/v1/users', 'POST /api/v1/users/{userId}/disable', 'PUT /api/v1/me/password']));
  });

  it('every operation declares its success response with its schema (204: no body)', () => {
    const problems = operations.flatMap((op) => {
      const success = Object.entries(op.spec.responses).filter(([status]) => status.startsWith('2'));
      if (success.length === 0) return [`${op.name}: no success response`];
      return success
        .filter(([status, r]) => status !== '204' && !Object.values(r.content ?? {}).some((media) => media.schema !== undefined))
        .map(([status]) => `${op.name}: ${status} without a schema`);
    });
    expect(problems).toEqual([]);
  });

  it('every operation that needs a session declares 401, and every one that takes input declares 400', () => {
    const problems = operations.flatMap((op) => [
      ...(op.authenticated && declaredResponse(op, 401) === undefined ? [`${op.name}: needs a session but does not declare 401`] : []),
      ...(op.takesInput && declaredResponse(op, 400) === undefined ? [`${op.name}: takes input but does not declare 400`] : []),
    ]);
    expect(problems).toEqual([]);
  });

  it('every operation that refused a role declares 403', () => {
    const problems = operations
      .filter((op) => answers.get(op.name)?.some((a) => a.status === 403) === true)
      .filter((op) => declaredResponse(op, 403) === undefined)
      .map((op) => `${op.name}: refuses a role but does not declare 403`);
    expect(problems).toEqual([]);
    // the probes did meet role restrictions: user administration is admin-only
    expect(answers.get('GET /api/v1/users')?.find((a) => a.probe === 'clinician, unknown ids')?.status).toBe(403);
  });

  it('answers without a live session with 401 wherever one is needed', () => {
    const problems = operations
      .filter((op) => op.authenticated)
      .flatMap((op) =>
        (answers.get(op.name) ?? [])
          .filter((a) => /token|session/.test(a.probe) && a.status !== 401)
          .map((a) => `${op.name} (${a.probe}): ${a.status}`),
      );
    expect(problems).toEqual([]);
  });

  it('every status answered to the probes is declared for its operation, with an error body of the declared schema', () => {
    const problems = operations.flatMap((op) => (answers.get(op.name) ?? []).flatMap((a) => answerProblems(op, a)));
    expect(problems).toEqual([]);
    // malformed input did reach validation: 400 from the schema, not a success
    const malformed = [...answers.values()].flat().filter((a) => a.probe.startsWith('malformed') || a.probe.startsWith('body'));
    expect(malformed.length).toBeGreaterThan(50);
    expect(malformed.filter((a) => a.status < 400)).toEqual([]);
  });
});
