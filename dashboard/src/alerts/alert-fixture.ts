import type { Alert } from '@rpm/contracts';

/** A valid alert for tests; `n` makes the id unique, `overrides` sets the rest. */
export function alertFixture(n: number, overrides: Partial<Alert> = {}): Alert {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    patientId: '11111111-1111-4111-8111-111111111111',
    patientName: `Patient ${n}`,
    ruleId: 'spo2_low',
    priority: 'high',
    status: 'open',
    readingType: 'spo2',
    params: { value: 88 },
    measuredAt: '2025-11-23T09:00:00.000Z',
    receivedAt: '2025-11-23T09:00:02.000Z',
    raisedAt: '2025-11-23T09:00:02.100Z',
    updatedAt: '2025-11-23T09:00:02.100Z',
    backfilled: false,
    dataAgeMs: 2100,
    deviceId: null,
    occurrences: 1,
    acknowledgedBy: null,
    acknowledgedByName: null,
    assignedTo: null,
    assignedToName: null,
    snoozedUntil: null,
    escalationTier: 1,
    escalatedAt: null,
    resolvedBy: null,
    resolvedByName: null,
    resolution: null,
    resolutionNote: null,
    acknowledgedAt: null,
    resolvedAt: null,
    ...overrides,
  };
}
