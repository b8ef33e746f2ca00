import { describe, expect, it } from 'vitest';
import { alertFixture } from './alert-fixture.ts';
import { alertQueueReducer, EMPTY_QUEUE, type AlertQueueAction, type AlertQueueState } from './alert-queue.ts';

const T1 = '2025-11-23T09:01:00.000Z';
const T2 = '2025-11-23T09:02:00.000Z';
const T3 = '2025-11-23T09:03:00.000Z';

function run(actions: readonly AlertQueueAction[], from: AlertQueueState = EMPTY_QUEUE): AlertQueueState {
  return actions.reduce(alertQueueReducer, from);
}

/** id suffix → status@updatedAt, for readable expectations */
function summary(state: AlertQueueState): Record<string, string> {
  return Object.fromEntries(
    [...state.entries.values()].map(({ alert }) => [alert.id.slice(-2), `${alert.status}@${alert.updatedAt.slice(14, 16)}`]),
  );
}

describe('alertQueueReducer', () => {
  it.each<{ name: string; actions: AlertQueueAction[]; expected: Record<string, string> }>([
    {
      name: 'a snapshot fills the queue and leaves resolved alerts out',
      actions: [
        {
          type: 'snapshot',
          sinceSeq: 0,
          alerts: [alertFixture(1), alertFixture(2, { status: 'acknowledged' }), alertFixture(3, { status: 'resolved' })],
        },
      ],
      expected: { '01': 'open@00', '02': 'acknowledged@00' },
    },
    {
      name: 'raised then updated: one entry, the newer version',
      actions: [
        { type: 'event', seq: 1, alert: alertFixture(1, { updatedAt: T1 }) },
        { type: 'event', seq: 2, alert: alertFixture(1, { updatedAt: T2, occurrences: 2 }) },
      ],
      expected: { '01': 'open@02' },
    },
    {
      name: 'resolved leaves the queue',
      actions: [
        { type: 'event', seq: 1, alert: alertFixture(1, { updatedAt: T1 }) },
        { type: 'event', seq: 2, alert: alertFixture(1, { status: 'resolved', updatedAt: T2 }) },
      ],
      expected: {},
    },
    {
      name: 'an event older than what we hold is ignored',
      actions: [
        { type: 'event', seq: 1, alert: alertFixture(1, { status: 'acknowledged', updatedAt: T2 }) },
        { type: 'event', seq: 2, alert: alertFixture(1, { status: 'open', updatedAt: T1 }) },
      ],
      expected: { '01': 'acknowledged@02' },
    },
    {
      name: 'a late update after resolution does not bring the alert back',
      actions: [
        { type: 'event', seq: 1, alert: alertFixture(1, { status: 'resolved', updatedAt: T2 }) },
        { type: 'event', seq: 2, alert: alertFixture(1, { updatedAt: T1 }) },
      ],
      expected: {},
    },
    {
      name: 'a new snapshot drops alerts it no longer lists (resolved while disconnected)',
      actions: [
        { type: 'snapshot', sinceSeq: 0, alerts: [alertFixture(1), alertFixture(2)] },
        { type: 'snapshot', sinceSeq: 0, alerts: [alertFixture(2)] },
      ],
      expected: { '02': 'open@00' },
    },
    {
      name: 'an alert raised while the snapshot was in flight survives the snapshot',
      actions: [
        { type: 'event', seq: 1, alert: alertFixture(1, { updatedAt: T1 }) },
        // the fetch started after event 1 …
        { type: 'event', seq: 2, alert: alertFixture(2, { updatedAt: T3 }) },
        // … and its answer, sent before event 2, lists only alert 1
        { type: 'snapshot', sinceSeq: 1, alerts: [alertFixture(1, { updatedAt: T1 })] },
      ],
      expected: { '01': 'open@01', '02': 'open@03' },
    },
    {
      name: 'an alert from before the fetch that the snapshot omits was resolved unseen: dropped',
      actions: [
        { type: 'event', seq: 1, alert: alertFixture(1, { updatedAt: T1 }) },
        { type: 'snapshot', sinceSeq: 1, alerts: [] },
      ],
      expected: {},
    },
    {
      name: 'an alert resolved while the snapshot was in flight is not revived by it',
      actions: [
        { type: 'snapshot', sinceSeq: 0, alerts: [alertFixture(1, { updatedAt: T1 })] },
        { type: 'event', seq: 1, alert: alertFixture(1, { status: 'resolved', updatedAt: T2 }) },
        { type: 'snapshot', sinceSeq: 0, alerts: [alertFixture(1, { updatedAt: T1 })] },
      ],
      expected: {},
    },
    {
      name: 'a live update newer than the snapshot wins over the snapshot',
      actions: [
        { type: 'event', seq: 1, alert: alertFixture(1, { status: 'acknowledged', updatedAt: T2 }) },
        { type: 'snapshot', sinceSeq: 0, alerts: [alertFixture(1, { status: 'open', updatedAt: T1 })] },
      ],
      expected: { '01': 'acknowledged@02' },
    },
    {
      name: 'a snapshot newer than a live update wins over it',
      actions: [
        { type: 'event', seq: 1, alert: alertFixture(1, { status: 'open', updatedAt: T1 }) },
        { type: 'snapshot', sinceSeq: 1, alerts: [alertFixture(1, { status: 'acknowledged', updatedAt: T2 })] },
      ],
      expected: { '01': 'acknowledged@02' },
    },
    {
      name: 'clear empties everything',
      actions: [{ type: 'event', seq: 1, alert: alertFixture(1) }, { type: 'clear' }],
      expected: {},
    },
  ])('$name', ({ actions, expected }) => {
    expect(summary(run(actions))).toEqual(expected);
  });

  it('tombstones are forgotten once a snapshot newer than them is applied', () => {
    const state = run([
      { type: 'event', seq: 1, alert: alertFixture(1, { status: 'resolved', updatedAt: T2 }) },
      { type: 'snapshot', sinceSeq: 1, alerts: [] },
    ]);
    expect(state.resolved.size).toBe(0);
  });

  it('returns the same state object for an ignored event (no needless re-render)', () => {
    const state = run([{ type: 'event', seq: 1, alert: alertFixture(1, { updatedAt: T2 }) }]);
    expect(alertQueueReducer(state, { type: 'event', seq: 2, alert: alertFixture(1, { updatedAt: T1 }) })).toBe(state);
  });

  it('compares instants, not strings (fractional digits may differ)', () => {
    const state = run([
      { type: 'event', seq: 1, alert: alertFixture(1, { updatedAt: '2025-11-23T09:02:00.5Z', occurrences: 2 }) },
      { type: 'event', seq: 2, alert: alertFixture(1, { updatedAt: '2025-11-23T09:02:00.100Z', occurrences: 1 }) },
    ]);
    expect(state.entries.get(alertFixture(1).id)?.alert.occurrences).toBe(2);
  });
});
