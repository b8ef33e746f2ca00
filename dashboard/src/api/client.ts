import { alertSchema, apiErrorSchema, loginResponseSchema, type Alert, type LoginRequest, type LoginResponse } from '@rpm/contracts';
import { ApiRequestError, CLIENT_ERROR_CODES } from './api-request-error.ts';

const API_PREFIX = '/api/v1';
/** alertsQuerySchema's maximum `limit` */
const ALERTS_SNAPSHOT_LIMIT = 1000;

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

/** GET /alerts, read alert by alert: one malformed alert must not hide the others. */
export interface AlertList {
  readonly alerts: Alert[];
  /** alerts that did not match the contract and are not shown */
  readonly invalid: number;
}

export interface ApiClient {
  login(credentials: LoginRequest): Promise<LoginResponse>;
  /** ends the session on the server; the token is passed because the caller has usually forgotten it already */
  logout(token: string): Promise<void>;
  listAlerts(): Promise<AlertList>;
  acknowledgeAlert(alertId: string): Promise<Alert>;
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) return new ApiRequestError(response.status, parsed.data.code, parsed.data.message);
  return new ApiRequestError(response.status, `HTTP_${response.status}`, response.statusText);
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function request(
    method: 'GET' | 'POST',
    path: string,
    init: { body?: unknown; token?: string | undefined; authenticated: boolean },
  ): Promise<Response> {
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

  function parsed<T>(
    schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } },
    data: unknown,
    status: number,
  ): T {
    const result = schema.safeParse(data);
    if (!result.success) throw new ApiRequestError(status, CLIENT_ERROR_CODES.badResponse, 'response does not match the contract');
    return result.data;
  }

  return {
    async login(credentials) {
      const response = await request('POST', '/auth/login', { body: credentials, authenticated: false });
      return parsed(loginResponseSchema, await json(response), response.status);
    },

    async logout(token) {
      await request('POST', '/auth/logout', { token, authenticated: false });
    },

    async listAlerts() {
      // The contract's maximum: a snapshot must be complete, or alerts past the default 200 would drop out of the queue.
      const response = await request('GET', `/alerts?limit=${ALERTS_SNAPSHOT_LIMIT}`, { token: options.getToken(), authenticated: true });
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

    async acknowledgeAlert(alertId) {
      const response = await request('POST', `/alerts/${encodeURIComponent(alertId)}/acknowledge`, {
        token: options.getToken(),
        authenticated: true,
      });
      return parsed(alertSchema, await json(response), response.status);
    },
  };
}
