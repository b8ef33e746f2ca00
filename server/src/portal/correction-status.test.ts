import { describe, expect, it } from 'vitest';
import { canMoveTo } from './correction-status.ts';

describe('correction request status', () => {
  it.each([
    { from: 'open', to: 'accepted', ok: true },
    { from: 'open', to: 'rejected', ok: true },
    { from: 'open', to: 'done', ok: true },
    { from: 'accepted', to: 'done', ok: true },
    { from: 'accepted', to: 'rejected', ok: true },
    { from: 'accepted', to: 'accepted', ok: false },
    { from: 'done', to: 'accepted', ok: false },
    { from: 'rejected', to: 'done', ok: false },
    { from: 'open', to: 'open', ok: false },
  ] as const)('$from → $to: $ok', ({ from, to, ok }) => {
    expect(canMoveTo(from, to)).toBe(ok);
  });
});
