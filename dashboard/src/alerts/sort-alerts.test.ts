import { describe, expect, it } from 'vitest';
import { alertFixture } from './alert-fixture.ts';
import { sortAlerts } from './sort-alerts.ts';

describe('sortAlerts', () => {
  it('orders by priority (high, medium, low), then newest measurement first', () => {
    const alerts = [
      alertFixture(1, { priority: 'low', measuredAt: '2025-11-23T09:05:00Z' }),
      alertFixture(2, { priority: 'high', measuredAt: '2025-11-23T08:00:00Z' }),
      alertFixture(3, { priority: 'medium', measuredAt: '2025-11-23T09:00:00Z' }),
      alertFixture(4, { priority: 'high', measuredAt: '2025-11-23T09:00:00Z' }),
      alertFixture(5, { priority: 'medium', measuredAt: '2025-11-23T09:10:00Z' }),
    ];
    expect(sortAlerts(alerts).map((a) => a.patientName)).toEqual(['Patient 4', 'Patient 2', 'Patient 5', 'Patient 3', 'Patient 1']);
  });

  it('breaks ties by raise time, then id, so the order is stable', () => {
    const a = alertFixture(1, { raisedAt: '2025-11-23T09:00:01Z' });
    const b = alertFixture(2, { raisedAt: '2025-11-23T09:00:03Z' });
    const c = alertFixture(3, { raisedAt: '2025-11-23T09:00:03Z' });
    expect(sortAlerts([a, c, b]).map((x) => x.patientName)).toEqual(['Patient 2', 'Patient 3', 'Patient 1']);
  });

  it('does not modify its input', () => {
    const input = [alertFixture(1, { priority: 'low' }), alertFixture(2, { priority: 'high' })];
    sortAlerts(input);
    expect(input.map((x) => x.priority)).toEqual(['low', 'high']);
  });
});
