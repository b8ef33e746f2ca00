import {
  alertsResponseSchema,
  apiErrorSchema,
  deviceSchema,
  createDeviceResponseSchema,
  loginResponseSchema,
  patientSchema,
  type CreateDeviceRequest,
  type CreateDeviceResponse,
  type CreatePatientRequest,
  type Alert,
  type Device,
  type LoginResponse,
} from '@rpm/contracts';
import { SimulatorError } from '../errors.ts';

/** zod schemas from contracts; typed structurally so this file needs no zod import of its own. */
interface Schema<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** POST /patients answers `{ id }` (201). */
const createdPatientSchema = patientSchema.pick({ id: true });
/** GET /patients/{id}/devices answers `{ devices }`. */
const devicesResponseSchema = {
  safeParse: (data: unknown) => deviceSchema.array().safeParse((data as { devices?: unknown } | undefined)?.devices),
};

export const API_REQUEST_TIMEOUT_MS = 15_000;

/**
 * The few platform API calls the simulator makes to enrol its patients and devices (same routes a person uses
 * from the dashboard). Every failure becomes a SimulatorError saying which step failed and why.
 */
export class PlatformApiClient {
  private readonly baseUrl: string;
  private readonly signal: AbortSignal | undefined;
  private token: string | undefined;

  constructor(baseUrl: string, signal?: AbortSignal) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.signal = signal;
  }

  async login(username: string, password: string): Promise<LoginResponse> {
    const response = await this.request('log in', 'POST', '/api/v1/auth/login', { username, password }, loginResponseSchema);
    this.token = response.token;
    return response;
  }

  createPatient(body: CreatePatientRequest): Promise<{ id: string }> {
    return this.request('create a patient', 'POST', '/api/v1/patients', body, createdPatientSchema);
  }

  /** `registeredAt` (ISO 8601): register the device as of that earlier time, which the platform allows admins only. */
  createDevice(patientId: string, model: string | undefined, registeredAt?: string): Promise<CreateDeviceResponse> {
    const body: CreateDeviceRequest = {
      ...(model === undefined ? {} : { model }),
      ...(registeredAt === undefined ? {} : { registeredAt }),
    };
    return this.request(
      'register a device',
      'POST',
      `/api/v1/patients/${encodeURIComponent(patientId)}/devices`,
      body,
      createDeviceResponseSchema,
    );
  }

  listDevices(patientId: string): Promise<Device[]> {
    return this.request(
      'list the devices',
      'GET',
      `/api/v1/patients/${encodeURIComponent(patientId)}/devices`,
      undefined,
      devicesResponseSchema,
    );
  }

  /** Every alert of one patient, resolved ones included (the API's maximum page: 1000). */
  async listAlerts(patientId: string): Promise<Alert[]> {
    const query = new URLSearchParams({ status: 'all', patientId, limit: '1000' });
    const response = await this.request('list the alerts', 'GET', `/api/v1/alerts?${query.toString()}`, undefined, alertsResponseSchema);
    return response.alerts;
  }

  private async request<T>(step: string, method: string, path: string, body: unknown, schema: Schema<T>): Promise<T> {
    const url = `${this.baseUrl}${path}`;
    const timeout = AbortSignal.timeout(API_REQUEST_TIMEOUT_MS);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token === undefined ? {} : { authorization: `Bearer ${this.token}` }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: this.signal === undefined ? timeout : AbortSignal.any([this.signal, timeout]),
      });
    } catch (error) {
      // Stopped on purpose (Ctrl-C, platform shutting down): not an API problem, let the AbortError through.
      if (this.signal?.aborted === true) throw error;
      const cause =
        error instanceof Error && error.cause instanceof Error
          ? error.cause.message
          : error instanceof Error
            ? error.message
            : String(error);
      throw new SimulatorError('SIM_API_UNREACHABLE', `could not ${step}: ${method} ${url} failed (${cause})`, { cause: error });
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const apiError = apiErrorSchema.safeParse(json);
      if (apiError.success) {
        throw new SimulatorError(
          'SIM_API_REFUSED',
          `could not ${step}: ${apiError.data.code} (${response.status}) ${apiError.data.message}`,
          {
            statusCode: response.status,
            apiCode: apiError.data.code,
          },
        );
      }
      throw new SimulatorError(
        'SIM_API_REFUSED',
        `could not ${step}: HTTP ${response.status} from ${method} ${url}: ${text.slice(0, 120)}`,
        { statusCode: response.status },
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SimulatorError(
        'SIM_API_RESPONSE_INVALID',
        `could not ${step}: unexpected answer from ${method} ${url} (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`,
      );
    }
    return parsed.data;
  }
}
