import { describe, expect, it } from 'vitest';
import { isBackfilled } from './is-backfilled.ts';

describe('isBackfilled (receivedAt − measuredAt > 5 min)', () => {
  it.each([
    { receivedAt: '2025-11-23T09:00:02Z', expected: false },
    { receivedAt: '2025-11-23T09:05:00Z', expected: false },
    { receivedAt: '2025-11-23T09:05:00.001Z', expected: true },
    { receivedAt: '2025-11-23T12:00:00Z', expected: true },
  ])('received $receivedAt → $expected', ({ receivedAt, expected }) => {
    expect(isBackfilled({ measuredAt: '2025-11-23T09:00:00Z', receivedAt })).toBe(expected);
  });
});
