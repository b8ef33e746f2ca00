import type { AlertPriority, CanonicalReading, VitalType } from '@rpm/contracts';

/** A rule looks at one reading and says whether it triggers, with the values to show. */
export interface Rule {
  /** stable id, also the dashboard's translation key (`rules.<id>`) */
  readonly id: string;
  readonly readingType: VitalType;
  /** IEC 60601-1-8 priority of the alert this rule raises */
  readonly priority: AlertPriority;
  evaluate(reading: CanonicalReading): Readonly<Record<string, number>> | undefined;
}
