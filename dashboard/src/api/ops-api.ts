import { deadLetterSchema, quarantineEntrySchema, type DeadLetterDto } from '@rpm/contracts';
import type { Http, Schema } from './http.ts';

/** contracts exports the schema only; its parsed type, without the dashboard depending on zod itself */
export type QuarantineEntry = ReturnType<(typeof quarantineEntrySchema)['parse']>;

/** the most recent refusals and dead letters the ops page lists */
const OPS_LIST_LIMIT = 20;

/** `{<key>: [...]}`, every item checked against the contract */
function listOf<T>(key: string, item: Schema<T>): Schema<T[]> {
  return {
    safeParse(data) {
      const items: unknown = typeof data === 'object' && data !== null && key in data ? (data as Record<string, unknown>)[key] : undefined;
      if (!Array.isArray(items)) return { success: false };
      const out: T[] = [];
      for (const value of items) {
        const result = item.safeParse(value);
        if (!result.success) return { success: false };
        out.push(result.data);
      }
      return { success: true, data: out };
    },
  };
}

const quarantineSchema = listOf<QuarantineEntry>('entries', quarantineEntrySchema);
const deadLettersSchema = listOf<DeadLetterDto>('deadLetters', deadLetterSchema);

/** The operations page's calls (contracts/src/api/ops.ts, the Prometheus text at /metrics). */
export interface OpsApi {
  /** Prometheus text exposition format */
  getMetricsText(): Promise<string>;
  listQuarantine(): Promise<QuarantineEntry[]>;
  /** admin only: the entries hold readings */
  listDeadLetters(): Promise<DeadLetterDto[]>;
}

export function createOpsApi(http: Http): OpsApi {
  return {
    getMetricsText: () => http.text('/metrics'),
    listQuarantine: () => http.call('GET', `/quarantine?limit=${OPS_LIST_LIMIT}`, quarantineSchema),
    listDeadLetters: () => http.call('GET', `/dead-letters?limit=${OPS_LIST_LIMIT}`, deadLettersSchema),
  };
}
