import type { AcceptedReading } from '@rpm/contracts';
import type { AlertTrigger } from '../alerts/alert-store.ts';
import type { Rule } from './rule.ts';

/**
 * Evaluates every rule that applies to each reading's type. Pure: it returns the triggers; the caller persists
 * and notifies. Rules are indexed by reading type so a reading only meets the rules that concern it.
 */
export class RulesEngine {
  private readonly byType = new Map<string, Rule[]>();

  constructor(rules: readonly Rule[]) {
    for (const rule of rules) {
      const list = this.byType.get(rule.readingType) ?? [];
      list.push(rule);
      this.byType.set(rule.readingType, list);
    }
  }

  evaluate(readings: readonly AcceptedReading[]): AlertTrigger[] {
    const triggers: AlertTrigger[] = [];
    for (const r of readings) {
      const rules = this.byType.get(r.reading.type);
      if (rules === undefined) continue;
      for (const rule of rules) {
        const params = rule.evaluate(r.reading);
        if (params === undefined) continue;
        triggers.push({
          patientId: r.patientId,
          ruleId: rule.id,
          priority: rule.priority,
          readingType: r.reading.type,
          params,
          measuredAt: r.reading.at,
          receivedAt: r.receivedAt,
        });
      }
    }
    return triggers;
  }
}
