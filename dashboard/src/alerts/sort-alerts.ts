import type { Alert, AlertPriority } from '@rpm/contracts';

/** IEC 60601-1-8 order: high before medium before low. */
const PRIORITY_RANK: Readonly<Record<AlertPriority, number>> = { high: 0, medium: 1, low: 2 };

/** Queue order: priority first, then the newest measurement, then raise time and id so the order never flickers. */
export function compareAlerts(a: Alert, b: Alert): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    Date.parse(b.measuredAt) - Date.parse(a.measuredAt) ||
    Date.parse(b.raisedAt) - Date.parse(a.raisedAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function sortAlerts(alerts: Iterable<Alert>): Alert[] {
  return [...alerts].sort(compareAlerts);
}
