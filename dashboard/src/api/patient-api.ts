import {
  deviceSchema,
  news2ResponseSchema,
  patientSchema,
  programmesSchema,
  thresholdsResponseSchema,
  vitalsHistoryResponseSchema,
  vitalsResponseSchema,
  type Device,
  type News2Response,
  type ObservationRequest,
  type Patient,
  type Programmes,
  type SetProgrammesRequest,
  type SetThresholdRequest,
  type Threshold,
  type VitalsHistoryResponse,
  type VitalsResponse,
  type VitalType,
} from '@rpm/contracts';
import type { AlertList, Http, Schema } from './http.ts';

/** a patient's alert history: the contract's maximum `limit` */
const HISTORY_LIMIT = 1000;
/** vitalsQuerySchema's maximum `limit`: 30 days of one reading a minute fit */
const VITALS_LIMIT = 100_000;

/** `{devices: [...]}`, every device checked against the contract (the dashboard depends on zod only through contracts) */
export const devicesResponseSchema: Schema<Device[]> = {
  safeParse(data) {
    const items: unknown = typeof data === 'object' && data !== null && 'devices' in data ? data.devices : undefined;
    if (!Array.isArray(items)) return { success: false };
    const devices: Device[] = [];
    for (const item of items) {
      const result = deviceSchema.safeParse(item);
      if (!result.success) return { success: false };
      devices.push(result.data);
    }
    return { success: true, data: devices };
  },
};

export interface VitalsRequest {
  readonly type?: VitalType;
  /** epoch ms */
  readonly from: number;
  readonly to: number;
  /**
   * Patient vitals only (listVitals): mean/min/max/count buckets, at most this many, instead of raw readings; needs
   * `type`. vitalsQuery (the portal's raw-only query) leaves it out.
   */
  readonly maxPoints?: number;
}

/** listVitals' answer: raw readings unless the request may carry `maxPoints`, then raw readings or buckets */
export type VitalsAnswer<R extends VitalsRequest> = R extends { readonly from: number; readonly maxPoints?: undefined }
  ? VitalsResponse
  : VitalsHistoryResponse;

/** vitalsQuerySchema's query string for a window and, optionally, one vital */
export function vitalsQuery({ type, from, to }: VitalsRequest): string {
  const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), limit: String(VITALS_LIMIT) });
  if (type !== undefined) query.set('type', type);
  return query.toString();
}

/** The patient page's calls (contracts/src/api/patients.ts, clinical.ts, vitals.ts). */
export interface PatientApi {
  getPatient(patientId: string): Promise<Patient>;
  getNews2(patientId: string): Promise<News2Response>;
  listVitals<R extends VitalsRequest>(patientId: string, request: R): Promise<VitalsAnswer<R>>;
  setProgrammes(patientId: string, request: SetProgrammesRequest): Promise<Programmes>;
  listThresholds(patientId: string): Promise<Threshold[]>;
  setThreshold(patientId: string, request: SetThresholdRequest): Promise<void>;
  recordObservation(patientId: string, request: ObservationRequest): Promise<void>;
  /** every alert of the patient, resolved ones too */
  listPatientAlerts(patientId: string): Promise<AlertList>;
  listDevices(patientId: string): Promise<Device[]>;
}

export function createPatientApi(http: Http): PatientApi {
  const base = (patientId: string): string => `/patients/${encodeURIComponent(patientId)}`;
  return {
    getPatient: (id) => http.call('GET', base(id), patientSchema),
    getNews2: (id) => http.call('GET', `${base(id)}/news2`, news2ResponseSchema),
    listVitals: <R extends VitalsRequest>(id: string, request: R): Promise<VitalsAnswer<R>> => {
      if (request.maxPoints === undefined) return http.call('GET', `${base(id)}/vitals?${vitalsQuery(request)}`, vitalsResponseSchema);
      const query = `${vitalsQuery(request)}&maxPoints=${String(request.maxPoints)}`;
      return http.call('GET', `${base(id)}/vitals?${query}`, vitalsHistoryResponseSchema) as Promise<VitalsAnswer<R>>;
    },
    setProgrammes: (id, request) => http.call('PUT', `${base(id)}/programs`, programmesSchema, request),
    listThresholds: async (id) => (await http.call('GET', `${base(id)}/thresholds`, thresholdsResponseSchema)).thresholds,
    setThreshold: (id, request) => http.send('PUT', `${base(id)}/thresholds`, request),
    recordObservation: (id, request) => http.send('POST', `${base(id)}/observations`, request),
    listPatientAlerts: (id) =>
      http.alerts(`/alerts?${new URLSearchParams({ patientId: id, status: 'all', limit: String(HISTORY_LIMIT) }).toString()}`),
    listDevices: (id) => http.call('GET', `${base(id)}/devices`, devicesResponseSchema),
  };
}
