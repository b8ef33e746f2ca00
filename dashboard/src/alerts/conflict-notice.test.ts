import type { AlertEvent } from '@rpm/contracts';
import { describe, expect, it } from 'vitest';
import { alertFixture } from './alert-fixture.ts';
import { conflictNotice } from './conflict-notice.ts';

const event = (kind: AlertEvent['kind'], at: string, actorName: string | null): AlertEvent => ({
  kind,
  at,
  actorName,
  actorId: actorName === null ? null : 'u',
  detail: null,
});

describe('conflictNotice', () => {
  it.each([
    {
      name: 'resolved by a colleague after acknowledging',
      events: [
        event('raised', '2025-11-23T09:00:00Z', null),
        event('acknowledged', '2025-11-23T09:01:00Z', 'Nurse A'),
        event('resolved', '2025-11-23T09:02:00Z', 'Nurse A'),
      ],
      expected: { what: 'resolved', actorName: 'Nurse A', at: '2025-11-23T09:02:00Z' },
    },
    {
      name: 'snoozed by a colleague',
      events: [event('raised', '2025-11-23T09:00:00Z', null), event('snoozed', '2025-11-23T09:05:00Z', 'Doctor B')],
      expected: { what: 'snoozed', actorName: 'Doctor B', at: '2025-11-23T09:05:00Z' },
    },
    {
      name: 'cleared by the rule itself',
      events: [event('auto_resolved', '2025-11-23T09:07:00Z', null), event('raised', '2025-11-23T09:00:00Z', null)],
      expected: { what: 'auto_resolved', actorName: null, at: '2025-11-23T09:07:00Z' },
    },
    {
      name: 'the latest of snoozed then resolved',
      events: [event('snoozed', '2025-11-23T09:05:00Z', 'Doctor B'), event('resolved', '2025-11-23T09:09:00Z', 'Nurse A')],
      expected: { what: 'resolved', actorName: 'Nurse A', at: '2025-11-23T09:09:00Z' },
    },
    { name: 'history unreadable', events: undefined, expected: { what: 'unknown', actorName: null, at: null } },
    {
      name: 'only acknowledged (still in the queue elsewhere)',
      events: [event('acknowledged', '2025-11-23T09:01:00Z', 'Nurse A')],
      expected: { what: 'unknown', actorName: null, at: null },
    },
  ] as const)('$name', ({ events, expected }) => {
    const notice = conflictNotice(alertFixture(1), events, 7);
    expect({ what: notice.what, actorName: notice.actorName, at: notice.at }).toEqual(expected);
    expect(notice.serial).toBe(7);
  });
});
