import { describe, expect, it } from 'vitest';
import { alertFixture } from '../alerts/alert-fixture.ts';
import type { ApiRequestError } from './api-request-error.ts';
import { createApiClient } from './client.ts';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>): { fetch: typeof globalThis.fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const call = { url, init: init ?? {} };
    calls.push(call);
    return respond(call);
  };
  return { fetch, calls };
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function client(respond: (call: Call) => Response | Promise<Response>, token = 'tok') {
  const fake = fakeFetch(respond);
  const unauthorized: { code: string; token: string | undefined }[] = [];
  const api = createApiClient({
    getToken: () => token,
    onUnauthorized: (error: ApiRequestError, used) => unauthorized.push({ code: error.code, token: used }),
    fetch: fake.fetch,
  });
  return { api, calls: fake.calls, unauthorized };
}

describe('ApiClient', () => {
  it('logs in with a JSON body and returns the parsed session', async () => {
    const login = {
      token: 't1',
      expiresAt: '2025-11-23T12:00:00.000Z',
      user: { id: '22222222-2222-4222-8222-222222222222', username: 'u', displayName: 'U', role: 'clinician' },
    };
    const { api, calls } = client(() => json(200, login));
    await expect(api.login({ username: 'u', password: 'p' })).resolves.toEqual(login);
    expect(calls[0]?.url).toBe('/api/v1/auth/login');
    expect(calls[0]?.init.method).toBe('POST');
    expect(new Headers(calls[0]?.init.headers).get('Content-Type')).toBe('application/json');
    expect(new Headers(calls[0]?.init.headers).get('Authorization')).toBeNull();
  });

  it('a failed login is an error with the server code, and does not count as an ended session', async () => {
    const { api, unauthorized } = client(() => json(401, { statusCode: 401, code: 'API_LOGIN_FAILED', message: 'no' }));
    await expect(api.login({ username: 'u', password: 'p' })).rejects.toMatchObject({ status: 401, code: 'API_LOGIN_FAILED' });
    expect(unauthorized).toEqual([]);
  });

  it('a 401 on an authenticated call reports the token it used', async () => {
    const { api, unauthorized } = client(() => json(401, { statusCode: 401, code: 'API_SESSION_EXPIRED', message: 'gone' }), 'old');
    await expect(api.listAlerts()).rejects.toMatchObject({ status: 401, code: 'API_SESSION_EXPIRED' });
    expect(unauthorized).toEqual([{ code: 'API_SESSION_EXPIRED', token: 'old' }]);
  });

  it('lists alerts with the bearer token, counting the ones that break the contract', async () => {
    const { api, calls } = client(() => json(200, { alerts: [alertFixture(1), { id: 'junk' }, alertFixture(2)] }));
    const list = await api.listAlerts();
    expect(list.alerts.map((a) => a.patientName)).toEqual(['Patient 1', 'Patient 2']);
    expect(list.invalid).toBe(1);
    expect(new Headers(calls[0]?.init.headers).get('Authorization')).toBe('Bearer tok');
    expect(calls[0]?.url).toBe('/api/v1/alerts?limit=1000');
  });

  it('acknowledge posts without a body or Content-Type (the server refuses an empty JSON body)', async () => {
    const acknowledged = alertFixture(1, { status: 'acknowledged', acknowledgedAt: '2025-11-23T09:10:00.000Z', acknowledgedBy: 'x' });
    const { api, calls } = client(() => json(200, acknowledged));
    await expect(api.acknowledgeAlert(acknowledged.id)).resolves.toEqual(acknowledged);
    expect(calls[0]?.url).toBe(`/api/v1/alerts/${acknowledged.id}/acknowledge`);
    expect(calls[0]?.init.body).toBeNull();
    expect(new Headers(calls[0]?.init.headers).get('Content-Type')).toBeNull();
  });

  it('an unreachable server is status 0, CLIENT_NETWORK', async () => {
    const { api } = client(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(api.listAlerts()).rejects.toMatchObject({ status: 0, code: 'CLIENT_NETWORK' });
  });

  it('an error without the API error body still has a code', async () => {
    const { api } = client(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(api.listAlerts()).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
  });
});
