import type { AcceptedReading } from '@rpm/contracts';
import type { AlertService } from '../alerts/alert-service.ts';
import type { AlertTrigger } from '../alerts/alert-store.ts';
import type { RulesEngine } from '../rules/rules-engine.ts';

/**
 * Readings the gateway has stored → rules → alerts. Triggers of one batch are folded per patient and rule (the
 * latest measurement wins) so an upload of hours of abnormal readings updates one alert instead of hundreds.
 */
export function handleReadings(rules: RulesEngine, alerts: AlertService, onError: (error: unknown) => void) {
  return (readings: readonly AcceptedReading[]): void => {
    const latest = new Map<string, AlertTrigger>();
    for (const t of rules.evaluate(readings)) {
      const key = `${t.patientId}\u0000${t.ruleId}`;
      const seen = latest.get(key);
      if (seen === undefined || t.measuredAt >= seen.measuredAt) latest.set(key, t);
    }
    for (const trigger of latest.values()) alerts.raise(trigger).catch(onError);
  };
}
