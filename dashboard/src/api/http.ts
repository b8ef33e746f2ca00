import { alertSchema, apiErrorSchema, type Alert } from '@rpm/contracts';
import { ApiRequestError, CLIENT_ERROR_CODES } from './api-request-error.ts';

const API_PREFIX = '/api/v1';

export interface ApiClientOptions {
  /** bearer token of the current session, if any */
  readonly getToken: () => string | undefined;
  /**
   * Called on a 401 to an authenticated call: that session is gone (expired, revoked, server restarted). `token` is
   * the one the call used, so a late answer to an old session's request cannot end a newer session.
   */
  readonly onUnauthorized: (error: ApiRequestError, token: string | undefined) => void;
  readonly fetch?: typeof globalThis.fetch;
}

/** A zod schema, as far as the client uses it. */
export interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

export type Method = 'GET' | 'POST' | 'PUT';

export interface RequestInit {
  readonly body?: unknown;
  readonly token?: string | undefined;
  readonly authenticated: boolean;
}

/** GET /alerts, read alert by alert: one malformed alert must not hide the others. */
export interface AlertList {
  readonly alerts: Alert[];
  /** alerts that did not match the contract and are not shown */
  readonly invalid: number;
}

/** fetch with the API's conventions: bearer token, JSON, errors as ApiRequestError, answers checked against the contract. */
export interface Http {
  request(method: Method, path: string, init: RequestInit): Promise<Response>;
  /** an authenticated call whose answer must match `schema` */
  call<T>(method: Method, path: string, schema: Schema<T>, body?: unknown): Promise<T>;
  /** an authenticated call whose answer is not needed (the caller re-reads what it changed) */
  send(method: Method, path: string, body?: unknown): Promise<void>;
  /** an authenticated GET of `{alerts: [...]}` */
  alerts(path: string): Promise<AlertList>;
  json(response: Response): Promise<unknown>;
  /** a GET outside the API prefix answered with text (`/metrics`, Prometheus); no session needed */
  text(url: string): Promise<string>;
  parsed<T>(schema: Schema<T>, data: unknown, status: number): T;
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) return new ApiRequestError(response.status, parsed.data.code, parsed.data.message);
  return new ApiRequestError(response.status, `HTTP_${response.status}`, response.statusText);
}

export function createHttp(options: ApiClientOptions): Http {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function request(method: Method, path: string, init: RequestInit): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (init.token !== undefined) headers['Authorization'] = `Bearer ${init.token}`;
    // No Content-Type without a body: the server refuses an empty JSON body.
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${API_PREFIX}${path}`, {
        method,
        headers,
        body: init.body === undefined ? null : JSON.stringify(init.body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (cause) {
      throw new ApiRequestError(0, CLIENT_ERROR_CODES.network, cause instanceof Error ? cause.message : 'network error');
    }
    if (!response.ok) {
      const error = await errorFrom(response);
      if (response.status === 401 && init.authenticated) options.onUnauthorized(error, init.token);
      throw error;
    }
    return response;
  }

  async function json(response: Response): Promise<unknown> {
    try {
      return (await response.json()) as unknown;
    } catch {
      throw new ApiRequestError(response.status, CLIENT_ERROR_CODES.badResponse, 'response is not JSON');
    }
  }

  function parsed<T>(schema: Schema<T>, data: unknown, status: number): T {
    const result = schema.safeParse(data);
    if (!result.success) throw new ApiRequestError(status, CLIENT_ERROR_CODES.badResponse, 'response does not match the contract');
    return result.data;
  }

  const authenticated = (body?: unknown): RequestInit => ({ body, token: options.getToken(), authenticated: true });

  async function text(url: string): Promise<string> {
    let response: Response;
    try {
      response = await doFetch(url, { method: 'GET', headers: { Accept: 'text/plain' }, credentials: 'same-origin', cache: 'no-store' });
    } catch (cause) {
      throw new ApiRequestError(0, CLIENT_ERROR_CODES.network, cause instanceof Error ? cause.message : 'network error');
    }
    if (!response.ok) throw new ApiRequestError(response.status, `HTTP_${response.status}`, response.statusText);
    return response.text();
  }

  return {
    request,
    json,
    text,
    parsed,
    async call(method, path, schema, body) {
      const response = await request(method, path, authenticated(body));
      return parsed(schema, await json(response), response.status);
    },
    async send(method, path, body) {
      await request(method, path, authenticated(body));
    },
    async alerts(path) {
      const response = await request('GET', path, authenticated());
      const body = await json(response);
      const items: unknown = typeof body === 'object' && body !== null && 'alerts' in body ? body.alerts : undefined;
      if (!Array.isArray(items)) throw new ApiRequestError(response.status, CLIENT_ERROR_CODES.badResponse, 'response has no alerts list');
      const alerts: Alert[] = [];
      for (const item of items) {
        const result = alertSchema.safeParse(item);
        if (result.success) alerts.push(result.data);
      }
      return { alerts, invalid: items.length - alerts.length };
    },
  };
}
