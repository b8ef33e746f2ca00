import { alertSchema, loginResponseSchema, type Alert, type LoginRequest, type LoginResponse } from '@rpm/contracts';
import { createAlertEventsApi, type AlertEventsApi } from './alert-events-api.ts';
import { createCareTeamApi, type CareTeamApi } from './care-team-api.ts';
import { createHttp, type AlertList, type ApiClientOptions } from './http.ts';
import { createOpsApi, type OpsApi } from './ops-api.ts';
import { createPassportApi, type PassportApi } from './passport-api.ts';
import { createPatientApi, type PatientApi } from './patient-api.ts';
import { createPortalApi, type PortalApi } from './portal-api.ts';
import { createRosterApi, type RosterApi } from './roster-api.ts';

export type { AlertList, ApiClientOptions } from './http.ts';

/** alertsQuerySchema's maximum `limit` */
const ALERTS_SNAPSHOT_LIMIT = 1000;

export interface ApiClient extends PatientApi, RosterApi, OpsApi, PortalApi, CareTeamApi, AlertEventsApi, PassportApi {
  login(credentials: LoginRequest): Promise<LoginResponse>;
  /** ends the session on the server; the token is passed because the caller has usually forgotten it already */
  logout(token: string): Promise<void>;
  listAlerts(): Promise<AlertList>;
  acknowledgeAlert(alertId: string): Promise<Alert>;
  /** to a member of the patient's care team (contracts assignAlertRequestSchema) */
  assignAlert(alertId: string, userId: string): Promise<Alert>;
  /** with a note of what was done (contracts resolveAlertRequestSchema) */
  resolveAlert(alertId: string, note: string): Promise<Alert>;
  /** hidden from escalation for `minutes` (contracts snoozeAlertRequestSchema) */
  snoozeAlert(alertId: string, minutes: number, reason?: string): Promise<Alert>;
}

const alertPath = (alertId: string): string => `/alerts/${encodeURIComponent(alertId)}`;

export function createApiClient(options: ApiClientOptions): ApiClient {
  const http = createHttp(options);
  return {
    ...createPatientApi(http),
    ...createRosterApi(http),
    ...createOpsApi(http),
    ...createPortalApi(http),
    ...createCareTeamApi(http),
    ...createAlertEventsApi(http),
    ...createPassportApi(http),

    async login(credentials) {
      const response = await http.request('POST', '/auth/login', { body: credentials, authenticated: false });
      return http.parsed(loginResponseSchema, await http.json(response), response.status);
    },

    async logout(token) {
      await http.request('POST', '/auth/logout', { token, authenticated: false });
    },

    // The contract's maximum: a snapshot must be complete, or alerts past the default 200 would drop out of the queue.
    listAlerts: () => http.alerts(`/alerts?limit=${ALERTS_SNAPSHOT_LIMIT}`),

    acknowledgeAlert: (alertId) => http.call('POST', `${alertPath(alertId)}/acknowledge`, alertSchema),
    assignAlert: (alertId, userId) => http.call('POST', `${alertPath(alertId)}/assign`, alertSchema, { userId }),
    resolveAlert: (alertId, note) => http.call('POST', `${alertPath(alertId)}/resolve`, alertSchema, { note }),
    snoozeAlert: (alertId, minutes, reason) =>
      http.call(
        'POST',
        `${alertPath(alertId)}/snooze`,
        alertSchema,
        reason === undefined || reason === '' ? { minutes } : { minutes, reason },
      ),
  };
}
