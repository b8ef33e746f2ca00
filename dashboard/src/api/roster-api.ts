import { rosterResponseSchema, type RosterResponse } from '@rpm/contracts';
import type { Http } from './http.ts';

/** The roster page's call (contracts/src/api/roster.ts). */
export interface RosterApi {
  getRoster(): Promise<RosterResponse>;
}

export function createRosterApi(http: Http): RosterApi {
  return {
    getRoster: () => http.call('GET', '/roster', rosterResponseSchema),
  };
}
