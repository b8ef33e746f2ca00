import { describe, expect, it } from 'vitest';
import { MessageIds } from './message-ids.ts';

describe('MessageIds', () => {
  it('hands out 1, 2, 3 … and wraps from 65,535 back to 1, never 0 [MQTT-2.3.1-1]', () => {
    const ids = new MessageIds();
    const free = (): boolean => false;
    expect([ids.next(free), ids.next(free), ids.next(free)]).toEqual([1, 2, 3]);
    for (let i = 4; i <= 65_535; i++) ids.next(free);
    expect(ids.next(free)).toBe(1);
  });

  it('skips ids still awaiting their PUBACK [MQTT-2.3.1-2]', () => {
    const ids = new MessageIds();
    const inUse = new Set([1, 2, 4]);
    expect([ids.next((id) => inUse.has(id)), ids.next((id) => inUse.has(id))]).toEqual([3, 5]);
  });

  it('refuses when all 65,535 are in use instead of reusing one', () => {
    expect(() => new MessageIds().next(() => true)).toThrow(RangeError);
  });
});
