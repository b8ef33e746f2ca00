import { describe, expect, it } from 'vitest';
import { Outbox } from './outbox.ts';

describe('Outbox', () => {
  it('hands out messages oldest first and forgets them only on acknowledgement', () => {
    const outbox = new Outbox(10);
    for (const seq of [1, 2, 3]) outbox.add(seq, `m${seq}`);
    expect(outbox.takeNext()?.seq).toBe(1);
    expect(outbox.takeNext()?.seq).toBe(2);
    expect(outbox.inFlight).toBe(2);
    expect(outbox.acknowledge(2)).toBe(true);
    expect(outbox.acknowledge(2)).toBe(false);
    expect(outbox.seqs()).toEqual([1, 3]);
    expect(outbox.size).toBe(2);
    expect(outbox.inFlight).toBe(1);
  });

  it('sends a failed message again before newer ones', () => {
    const outbox = new Outbox(10);
    for (const seq of [1, 2, 3]) outbox.add(seq, `m${seq}`);
    outbox.takeNext();
    outbox.takeNext();
    outbox.release(1);
    expect(outbox.inFlight).toBe(1);
    expect(outbox.takeNext()?.seq).toBe(1);
    expect(outbox.takeNext()?.seq).toBe(3);
    expect(outbox.takeNext()).toBeUndefined();
  });

  it('when full, discards the oldest waiting message, never one in flight', () => {
    const outbox = new Outbox(3);
    for (const seq of [1, 2, 3]) outbox.add(seq, `m${seq}`);
    outbox.takeNext(); // 1 in flight
    expect(outbox.add(4, 'm4')).toBe(1);
    expect(outbox.seqs()).toEqual([1, 3, 4]);
  });

  it('refuses a new message when everything is in flight', () => {
    const outbox = new Outbox(2);
    outbox.add(1, 'm1');
    outbox.add(2, 'm2');
    outbox.takeNext();
    outbox.takeNext();
    expect(outbox.add(3, 'm3')).toBe(1);
    expect(outbox.seqs()).toEqual([1, 2]);
  });
});
