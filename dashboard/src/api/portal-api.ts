import {
  accessLogResponseSchema,
  correctionSchema,
  correctionsResponseSchema,
  passportSchema,
  vitalsResponseSchema,
  type AccessLogEntry,
  type Correction,
  type CorrectionRequest,
  type Device,
  type Passport,
  type VitalsResponse,
} from '@rpm/contracts';
import type { AlertList, Http } from './http.ts';
import { devicesResponseSchema, vitalsQuery, type VitalsRequest } from './patient-api.ts';

/** the portal's alert list: the contract's maximum `limit` */
const ALERTS_LIMIT = 1000;

/**
 * The patient portal's calls (contracts/src/api/portal.ts): a `patient` user's own record, under `/me/…`. No call
 * takes a patient id: the server answers with the record the login is linked to.
 */
export interface PortalApi {
  getMyPassport(): Promise<Passport>;
  listMyVitals(request: VitalsRequest): Promise<VitalsResponse>;
  /** every alert, resolved ones too */
  listMyAlerts(): Promise<AlertList>;
  listMyDevices(): Promise<Device[]>;
  /** the last 30 days (the server's default window) */
  getMyAccessLog(): Promise<AccessLogEntry[]>;
  listMyCorrections(): Promise<Correction[]>;
  requestCorrection(request: CorrectionRequest): Promise<Correction>;
}

export function createPortalApi(http: Http): PortalApi {
  return {
    getMyPassport: () => http.call('GET', '/me/passport', passportSchema),
    listMyVitals: (request) => http.call('GET', `/me/vitals?${vitalsQuery(request)}`, vitalsResponseSchema),
    listMyAlerts: () => http.alerts(`/me/alerts?${new URLSearchParams({ status: 'all', limit: String(ALERTS_LIMIT) }).toString()}`),
    listMyDevices: () => http.call('GET', '/me/devices', devicesResponseSchema),
    getMyAccessLog: async () => (await http.call('GET', '/me/access-log', accessLogResponseSchema)).entries,
    listMyCorrections: async () => (await http.call('GET', '/me/corrections', correctionsResponseSchema)).corrections,
    requestCorrection: (request) => http.call('POST', '/me/corrections', correctionSchema, request),
  };
}
