import { careTeamResponseSchema, type CareTeamResponse } from '@rpm/contracts';
import type { Http } from './http.ts';

/** Who is on a patient's care teams (contracts/src/api/care-team.ts): the people an alert may be assigned to. */
export interface CareTeamApi {
  getCareTeam(patientId: string): Promise<CareTeamResponse>;
}

export function createCareTeamApi(http: Http): CareTeamApi {
  return {
    getCareTeam: (patientId) => http.call('GET', `/patients/${encodeURIComponent(patientId)}/care-team`, careTeamResponseSchema),
  };
}
