import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPatientRequestSchema } from '@rpm/contracts';
import { SimulatorError } from '../errors.ts';
import { provisionFleet } from './provision-fleet.ts';

/** A stand-in for the platform API's three routes, on a real HTTP port (the simulator may not import server/). */
interface StubApi {
  readonly url: string;
  readonly patients: { name: string; birthDate?: string; sex?: string; teamId?: string }[];
  readonly authorizations: (string | undefined)[];
  readonly close: () => Promise<void>;
}

type Handler = (req: IncomingMessage, body: unknown, res: ServerResponse) => void;

const TOKEN = 'token-123';
const USER = { id: '3f1c1f44-6a1e-4c38-9d5e-0c8c3c1a6f10', username: 'admin', displayName: 'Admin', role: 'admin' };

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function startStub(overrides: Record<string, Handler> = {}): Promise<StubApi> {
  const patients: StubApi['patients'] = [];
  const authorizations: StubApi['authorizations'] = [];
  let devices = 0;
  const routes: Record<string, Handler> = {
    'POST /api/v1/auth/login': (_req, body, res) => {
      const { password } = body as { password: string };
      if (password !== 'right') {
        send(res, 401, { statusCode: 401, code: 'API_LOGIN_FAILED', message: 'Unknown username or wrong password' });
        return;
      }
      send(res, 200, { token: TOKEN, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: USER });
    },
    'POST /api/v1/patients': (req, body, res) => {
      authorizations.push(req.headers.authorization);
      const parsed = createPatientRequestSchema.safeParse(body);
      if (!parsed.success) {
        send(res, 400, { statusCode: 400, code: 'API_VALIDATION_FAILED', message: parsed.error.message });
        return;
      }
      patients.push(parsed.data);
      send(res, 201, { id: `00000000-0000-4000-8000-${String(patients.length).padStart(12, '0')}` });
    },
    'POST /api/v1/patients/:id/devices': (req, _body, res) => {
      authorizations.push(req.headers.authorization);
      devices++;
      send(res, 201, { deviceId: `dev-${devices}`, secret: `secret-${devices}` });
    },
    ...overrides,
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const path = (req.url ?? '').replace(/\/patients\/[^/]+\/devices$/, '/patients/:id/devices');
      const handler = routes[`${req.method ?? ''} ${path}`];
      if (handler === undefined) send(res, 404, { statusCode: 404, code: 'API_NOT_FOUND', message: 'No such route' });
      else handler(req, raw === '' ? undefined : JSON.parse(raw), res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    patients,
    authorizations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let stub: StubApi | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function refusal(promise: Promise<unknown>): Promise<SimulatorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SimulatorError)) throw new Error(`expected a SimulatorError, got ${String(error)}`);
  return error;
}

describe('provisionFleet', () => {
  it('logs in, enrols a patient and a device per device wanted, and returns the credentials in order', async () => {
    stub = await startStub();
    const devices = await provisionFleet({
      apiUrl: `${stub.url}/`,
      username: 'admin',
      password: 'right',
      devices: 6,
      teamId: '7d0f4b9e-2a51-4c1b-8f7e-3d2c1b0a9f8e',
    });
    expect(devices).toHaveLength(6);
    expect(new Set(devices.map((d) => d.deviceId)).size).toBe(6);
    for (const d of devices) {
      expect(d.deviceId).toMatch(/^dev-/);
      expect(d.secret).toMatch(/^secret-/);
      expect(d.patientId).toMatch(/^00000000-/);
    }
    expect(stub.authorizations.every((a) => a === `Bearer ${TOKEN}`)).toBe(true);
    for (const p of stub.patients) {
      expect(p.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(p.teamId).toBe('7d0f4b9e-2a51-4c1b-8f7e-3d2c1b0a9f8e');
      const age = (Date.now() - Date.parse(p.birthDate ?? '')) / (365.25 * 86_400_000);
      expect(age).toBeGreaterThanOrEqual(35);
      expect(age).toBeLessThanOrEqual(85);
    }
  });

  it('gives the same names for the same seed', async () => {
    stub = await startStub();
    const a = await provisionFleet({ apiUrl: stub.url, username: 'admin', password: 'right', devices: 5, seed: 9 });
    const b = await provisionFleet({ apiUrl: stub.url, username: 'admin', password: 'right', devices: 5, seed: 9 });
    expect(b.map((d) => d.patientName)).toEqual(a.map((d) => d.patientName));
  });

  it('reports a refused login with the API code and message', async () => {
    stub = await startStub();
    const error = await refusal(provisionFleet({ apiUrl: stub.url, username: 'admin', password: 'wrong', devices: 2 }));
    expect(error).toMatchObject({ code: 'SIM_API_REFUSED', apiCode: 'API_LOGIN_FAILED', statusCode: 401 });
    expect(error.message).toContain('could not log in');
    expect(error.message).toContain('Unknown username or wrong password');
    expect(stub.patients).toHaveLength(0);
  });

  it('stops at the first refused step and names it', async () => {
    stub = await startStub({
      'POST /api/v1/patients/:id/devices': (_req, _body, res) =>
        send(res, 403, { statusCode: 403, code: 'API_FORBIDDEN', message: 'Your role does not allow this' }),
    });
    const error = await refusal(provisionFleet({ apiUrl: stub.url, username: 'admin', password: 'right', devices: 20, concurrency: 2 }));
    expect(error).toMatchObject({ code: 'SIM_API_REFUSED', apiCode: 'API_FORBIDDEN', statusCode: 403 });
    expect(error.message).toContain('could not register a device');
    expect(stub.patients.length).toBeLessThanOrEqual(2);
  });

  it('sends registeredAt when asked to backdate the devices', async () => {
    const bodies: unknown[] = [];
    stub = await startStub({
      'POST /api/v1/patients/:id/devices': (_req, body, res) => {
        bodies.push(body);
        send(res, 201, { deviceId: `dev-b${bodies.length}`, secret: 'secret-b' });
      },
    });
    const registeredAtMs = Date.parse('2025-03-01T08:00:00Z');
    await provisionFleet({ apiUrl: stub.url, username: 'admin', password: 'right', devices: 2, registeredAtMs });
    expect(bodies).toEqual([
      { model: 'RPM-SIM-HUB', registeredAt: '2025-03-01T08:00:00.000Z' },
      { model: 'RPM-SIM-HUB', registeredAt: '2025-03-01T08:00:00.000Z' },
    ]);
    const now = await provisionFleet({ apiUrl: stub.url, username: 'admin', password: 'right', devices: 1 });
    expect(now).toHaveLength(1);
    expect(bodies[2]).toEqual({ model: 'RPM-SIM-HUB' });
  });

  it('refuses to backdate as a clinician before enrolling anyone, saying an admin is needed', async () => {
    stub = await startStub({
      'POST /api/v1/auth/login': (_req, _body, res) =>
        send(res, 200, { token: TOKEN, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { ...USER, role: 'clinician' } }),
    });
    const error = await refusal(
      provisionFleet({ apiUrl: stub.url, username: 'nurse', password: 'right', devices: 3, registeredAtMs: Date.now() - 86_400_000 }),
    );
    expect(error.code).toBe('SIM_API_REFUSED');
    expect(error.message).toMatch(/only an administrator may backdate/);
    expect(error.message).toContain('--backdate-days');
    expect(stub.patients).toHaveLength(0);
  });

  it('explains the platform’s refusal of a backdate', async () => {
    stub = await startStub({
      'POST /api/v1/patients/:id/devices': (_req, _body, res) =>
        send(res, 403, {
          statusCode: 403,
          code: 'API_FORBIDDEN',
          message: 'Only an administrator may backdate a device registration (registeredAt); omit it',
        }),
    });
    const error = await refusal(
      provisionFleet({ apiUrl: stub.url, username: 'admin', password: 'right', devices: 1, registeredAtMs: Date.now() - 86_400_000 }),
    );
    expect(error).toMatchObject({ code: 'SIM_API_REFUSED', apiCode: 'API_FORBIDDEN', statusCode: 403 });
    expect(error.message).toContain('run as an admin user');
  });

  it('reports an answer that is not the API error format', async () => {
    stub = await startStub({ 'POST /api/v1/patients': (_req, _body, res) => res.writeHead(502).end('Bad gateway') });
    const error = await refusal(provisionFleet({ apiUrl: stub.url, username: 'admin', password: 'right', devices: 1 }));
    expect(error).toMatchObject({ code: 'SIM_API_REFUSED', statusCode: 502 });
    expect(error.message).toContain('Bad gateway');
  });

  it('reports a 2xx body it does not understand', async () => {
    stub = await startStub({ 'POST /api/v1/patients': (_req, _body, res) => send(res, 201, { patient: 'x' }) });
    const error = await refusal(provisionFleet({ apiUrl: stub.url, username: 'admin', password: 'right', devices: 1 }));
    expect(error.code).toBe('SIM_API_RESPONSE_INVALID');
  });

  it('lets an abort through as an AbortError, not as an API failure', async () => {
    stub = await startStub({ 'POST /api/v1/patients': () => undefined }); // never answers
    const abort = new AbortController();
    const pending = provisionFleet({ apiUrl: stub.url, username: 'admin', password: 'right', devices: 1, signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports an API that does not answer', async () => {
    stub = await startStub();
    const url = stub.url;
    await stub.close();
    stub = undefined;
    const error = await refusal(provisionFleet({ apiUrl: url, username: 'admin', password: 'right', devices: 1 }));
    expect(error.code).toBe('SIM_API_UNREACHABLE');
    expect(error.message).toContain('ECONNREFUSED');
  });
});
