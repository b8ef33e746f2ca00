import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CanonicalReading } from '@rpm/contracts';
import { SqliteSpool } from './sqlite-spool.ts';
import { SpoolFullError } from './spool-errors.ts';
import type { NewSpoolEntry } from './spool.ts';

const T = Date.UTC(2026, 10, 20, 8, 0, 0);
const hr = (i: number): CanonicalReading => ({ type: 'heart_rate', at: T + i * 60_000, value: 60 + (i % 40) });
const entry = (seq: number, readings = [hr(seq)], digest = `d${seq}`): NewSpoolEntry => ({
  deviceId: 'dev-a1',
  patientId: 'p-1',
  seq,
  receivedAt: Date.now(),
  readings,
  digest,
});

describe('SqliteSpool', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'spool-'));
    file = join(dir, 'spool.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = (maxBytes = 10_000_000): SqliteSpool => new SqliteSpool({ file, maxBytes, dedupWindowMs: 86_400_000 });

  it('keeps appended entries in order across a reopen, until removed', async () => {
    const spool = open();
    expect(await Promise.all([1, 2, 3].map((s) => spool.append(entry(s))))).toEqual(['stored', 'stored', 'stored']);
    await spool.close();
    const again = open();
    const peeked = again.peek(100);
    expect(peeked.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(peeked[0]?.readings).toEqual([hr(1)]);
    again.remove([peeked[0]?.id ?? -1]);
    expect(again.peek(100).map((e) => e.seq)).toEqual([2, 3]);
    expect(again.stats()).toMatchObject({ messages: 2, readings: 2 });
    await again.close();
  });

  it('stores a replay once, but takes a reused seq with another payload (a counter reset)', async () => {
    const spool = open();
    expect(await spool.append(entry(5))).toBe('stored');
    expect(await spool.append(entry(5))).toBe('duplicate');
    expect(await spool.append(entry(5))).toBe('duplicate');
    expect(await spool.append(entry(5, [hr(99)], 'other'))).toBe('stored');
    expect(spool.stats().messages).toBe(2);
    await spool.close();
  });

  it('recognises a replay that arrives in the same group commit', async () => {
    const spool = open();
    expect(await Promise.all([spool.append(entry(9)), spool.append(entry(9))])).toEqual(['stored', 'duplicate']);
    await spool.close();
  });

  it('refuses appends beyond its size bound, and takes them again once drained', async () => {
    const big = Array.from({ length: 50 }, (_, i) => hr(i));
    const size = JSON.stringify(big).length;
    const spool = open(size * 2 + 10);
    await spool.append(entry(1, big));
    await spool.append(entry(2, big));
    expect(spool.hasRoom()).toBe(true);
    await expect(spool.append(entry(3, big))).rejects.toBeInstanceOf(SpoolFullError);
    expect(spool.hasRoom()).toBe(false);
    spool.remove(spool.peek(1).map((e) => e.id));
    expect(spool.hasRoom()).toBe(true);
    expect(await spool.append(entry(3, big))).toBe('stored');
    await spool.close();
  });

  it('peeks after a given entry (the drainer’s second batch in flight), and removes a batch with its totals', async () => {
    const spool = open();
    for (let s = 1; s <= 6; s++) await spool.append(entry(s, [hr(s), hr(s + 100)]));
    const first = spool.peek(4);
    const second = spool.peek(4, first.at(-1)?.id);
    expect(first.map((e) => e.seq)).toEqual([1, 2]);
    expect(second.map((e) => e.seq)).toEqual([3, 4]);
    spool.remove(second.map((e) => e.id));
    expect(spool.stats()).toMatchObject({ messages: 4, readings: 8 });
    expect(spool.peek(100).map((e) => e.seq)).toEqual([1, 2, 5, 6]);
    await spool.close();
    // the removal is in the file (the WAL), whatever its commit's sync level
    const reopened = open();
    expect(reopened.stats()).toMatchObject({ messages: 4, readings: 8 });
    await reopened.close();
  });

  it('peeks about the requested number of readings, and at least one entry', async () => {
    const spool = open();
    for (let s = 1; s <= 10; s++) await spool.append(entry(s, [hr(s), hr(s + 100)]));
    expect(spool.peek(6).length).toBe(3);
    expect(spool.peek(1).length).toBe(1);
    await spool.close();
  });

  it('sets refused readings aside and keeps the rest of their entry in place', async () => {
    const spool = open();
    await spool.append(entry(1, [hr(1), hr(2), hr(3)]));
    await spool.append(entry(2));
    const [first] = spool.peek(100);
    if (first === undefined) throw new Error('empty');
    spool.deadLetter(first, [hr(2)], 'field type conflict');
    expect(spool.peek(100).map((e) => [e.seq, e.readings.length])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(spool.listDeadLetters(10)).toMatchObject([{ seq: 1, reading: hr(2), error: 'field type conflict' }]);
    expect(spool.stats()).toMatchObject({ messages: 2, readings: 3, deadLetters: 1 });
    await spool.close();
  });

  it('after a crash, a torn write at the tail of the log is discarded, never half-read', async () => {
    const spool = open();
    for (let s = 1; s <= 20; s++)
      await spool.append(
        entry(
          s,
          Array.from({ length: 20 }, (_, i) => hr(s * 100 + i)),
        ),
      );
    // copy the files while the spool is open, as a crash would leave them
    const crashed = join(dir, 'crashed.sqlite');
    copyFileSync(file, crashed);
    copyFileSync(`${file}-wal`, `${crashed}-wal`);
    // tear the last frame of the write-ahead log in half
    const walSize = statSync(`${crashed}-wal`).size;
    truncateSync(`${crashed}-wal`, walSize - 1500);
    await spool.close();

    const recovered = new SqliteSpool({ file: crashed, maxBytes: 10_000_000, dedupWindowMs: 86_400_000 });
    const entries = recovered.peek(1_000_000);
    expect(entries.length).toBeGreaterThanOrEqual(18);
    expect(entries.length).toBeLessThan(20);
    // whatever is there is whole: every entry has all 20 readings and consecutive seqs from 1
    expect(entries.every((e) => e.readings.length === 20)).toBe(true);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: entries.length }, (_, i) => i + 1));
    await recovered.close();
    expect(existsSync(crashed) && readFileSync(crashed).length > 0).toBe(true);
  });
});
