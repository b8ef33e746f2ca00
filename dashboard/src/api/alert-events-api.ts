import { alertEventSchema, type AlertEvent } from '@rpm/contracts';
import type { Http, Schema } from './http.ts';

/** `{events: [...]}`, every event checked against the contract */
const alertEventsSchema: Schema<AlertEvent[]> = {
  safeParse(data) {
    const items: unknown = typeof data === 'object' && data !== null && 'events' in data ? data.events : undefined;
    if (!Array.isArray(items)) return { success: false };
    const events: AlertEvent[] = [];
    for (const item of items) {
      const result = alertEventSchema.safeParse(item);
      if (!result.success) return { success: false };
      events.push(result.data);
    }
    return { success: true, data: events };
  },
};

/** An alert's history (GET /alerts/{id}/events): who did what to it, when. */
export interface AlertEventsApi {
  listAlertEvents(alertId: string): Promise<AlertEvent[]>;
}

export function createAlertEventsApi(http: Http): AlertEventsApi {
  return {
    listAlertEvents: (alertId) => http.call('GET', `/alerts/${encodeURIComponent(alertId)}/events`, alertEventsSchema),
  };
}
