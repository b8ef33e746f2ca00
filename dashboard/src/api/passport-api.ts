import {
  accessLogResponseSchema,
  passportHistorySchema,
  passportSchema,
  passportWriteResponseSchema,
  type AccessLogEntry,
  type NewPassportEntryRequest,
  type Passport,
  type PassportVersion,
  type SupersedePassportEntryRequest,
} from '@rpm/contracts';
import type { Http } from './http.ts';

/** The care team's view of a patient's health passport and access log (contracts/src/api/passport.ts, portal.ts). */
export interface PassportApi {
  getPassport(patientId: string): Promise<Passport>;
  /** every version of every entry, oldest first */
  getPassportHistory(patientId: string): Promise<PassportVersion[]>;
  addPassportEntry(patientId: string, request: NewPassportEntryRequest): Promise<PassportVersion>;
  /** corrects or ends an entry; the reason is kept in its history */
  supersedePassportEntry(patientId: string, entryId: string, request: SupersedePassportEntryRequest): Promise<PassportVersion>;
  /** who accessed the record in the last 30 days (the server's default window), newest first */
  getAccessLog(patientId: string): Promise<AccessLogEntry[]>;
}

export function createPassportApi(http: Http): PassportApi {
  const base = (patientId: string): string => `/patients/${encodeURIComponent(patientId)}`;
  return {
    getPassport: (id) => http.call('GET', `${base(id)}/passport`, passportSchema),
    getPassportHistory: async (id) => (await http.call('GET', `${base(id)}/passport/history`, passportHistorySchema)).versions,
    addPassportEntry: (id, request) => http.call('POST', `${base(id)}/passport/entries`, passportWriteResponseSchema, request),
    supersedePassportEntry: (id, entryId, request) =>
      http.call('POST', `${base(id)}/passport/entries/${encodeURIComponent(entryId)}/supersede`, passportWriteResponseSchema, request),
    getAccessLog: async (id) => (await http.call('GET', `${base(id)}/access-log`, accessLogResponseSchema)).entries,
  };
}
