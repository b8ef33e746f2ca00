import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { FLEET_FILE_FORMAT, FLEET_FILE_NOTE, readFleetFile, writeNewFleetFile } from '../fleet/fleet-file.ts';
import { startTestBroker, type TestBroker } from '../testing/start-test-broker.ts';
import { readSessionRecording } from './session-recording-file.ts';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));
const devices = Array.from({ length: 3 }, (_, i) => ({
  deviceId: `rec-dev-${i}`,
  secret: `rec-secret-${i}`,
  patientId: `p${i}`,
  patientName: `P ${i}`,
}));
const cli = (...args: string[]) =>
  run(process.execPath, [CLI, ...args], { env: { ...process.env, RPM_SIM_PASSWORD: '' }, timeout: 60_000 });

let broker: TestBroker | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
});

/** Newest measurement time of the readings the broker acknowledged in this slice. */
const newestAt = (payloads: readonly string[]): number =>
  Math.max(...payloads.flatMap((p) => (JSON.parse(p) as { readings: { at: string }[] }).readings.map((r) => Date.parse(r.at))));

describe('run --record, then replay, through the CLI against a real broker (aedes)', () => {
  it('records what was acknowledged, replays it byte for byte, then as a fresh upload after the last seq', async () => {
    const b = (broker = await startTestBroker({ credentials: new Map(devices.map((d) => [d.deviceId, d.secret])) }));
    const dir = mkdtempSync(join(tmpdir(), 'rpm-replay-'));
    const fleetPath = join(dir, 'fleet.json');
    const recordPath = join(dir, 'session.jsonl');
    // What `provision` writes; `run --fleet` makes no API call, so the test needs no platform.
    writeNewFleetFile(fleetPath, {
      format: FLEET_FILE_FORMAT,
      note: FLEET_FILE_NOTE,
      createdAt: new Date().toISOString(),
      apiUrl: 'http://127.0.0.1:9',
      seed: 3,
      devices,
    });

    await cli('run', '--fleet', fleetPath, '--mqtt', b.url, '--interval-ms', '100', '--duration-s', '1.5', '--record', recordPath);
    const recorded = readSessionRecording(recordPath);
    expect(statSync(recordPath).mode & 0o777).toBe(0o600);
    expect(recorded.length).toBe(b.acknowledged.length); // every acknowledged message, once
    // the same set: devices publish concurrently, so their messages interleave differently on the two sides
    expect(recorded.map((r) => [r.deviceId, r.seq, r.payload]).sort()).toEqual(
      b.acknowledged.map((m) => [m.deviceId, m.seq, m.payload]).sort(),
    );
    expect(new Set(recorded.map((r) => r.deviceId)).size).toBe(3);
    const lastSeq = readFleetFile(fleetPath).devices.map((d) => d.lastSeq);
    for (const [i, d] of devices.entries())
      expect(lastSeq[i]).toBe(Math.max(...recorded.filter((r) => r.deviceId === d.deviceId).map((r) => r.seq)));

    // Exactly as recorded: the same seqs and bytes again (the platform would count every one a duplicate).
    const before = b.acknowledged.length;
    const exact = await cli('replay', '--file', recordPath, '--fleet', fleetPath, '--mqtt', b.url);
    expect(exact.stdout).toContain(`replayed: ${recorded.length} of ${recorded.length} messages acknowledged`);
    const replayed = b.acknowledged.slice(before);
    expect(replayed.map((m) => [m.deviceId, m.seq, m.payload]).sort()).toEqual(recorded.map((r) => [r.deviceId, r.seq, r.payload]).sort());

    // Shifted to now: new seqs after each device's last, newest measurement time ≈ now.
    const shiftStartedAt = Date.now();
    const middle = b.acknowledged.length;
    await cli('replay', '--file', recordPath, '--fleet', fleetPath, '--mqtt', b.url, '--shift-to-now');
    const fresh = b.acknowledged.slice(middle);
    expect(fresh).toHaveLength(recorded.length);
    for (const [i, d] of devices.entries()) {
      const seqs = fresh.filter((m) => m.deviceId === d.deviceId).map((m) => m.seq ?? -1);
      const count = recorded.filter((r) => r.deviceId === d.deviceId).length;
      expect(seqs).toEqual(Array.from({ length: count }, (_, k) => (lastSeq[i] ?? 0) + 1 + k));
    }
    expect(Math.abs(newestAt(fresh.map((m) => m.payload)) - shiftStartedAt)).toBeLessThan(5_000);
    expect(newestAt(fresh.map((m) => m.payload))).toBeGreaterThan(newestAt(recorded.map((r) => r.payload)));
    expect(readFleetFile(fleetPath).devices.map((d) => d.lastSeq)).toEqual(
      devices.map((_, i) => (lastSeq[i] ?? 0) + recorded.filter((r) => r.deviceId === devices[i]?.deviceId).length),
    );
    expect(readFileSync(fleetPath, 'utf8')).toContain(FLEET_FILE_NOTE);
  });
});
