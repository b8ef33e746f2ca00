import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FLEET_FILE_FORMAT,
  FLEET_FILE_NOTE,
  fleetFileProblems,
  readFleetFile,
  saveLastSeqs,
  writeNewFleetFile,
  type FleetFile,
} from './fleet-file.ts';

const fleet: FleetFile = {
  format: FLEET_FILE_FORMAT,
  note: FLEET_FILE_NOTE,
  createdAt: '2026-12-01T00:00:00.000Z',
  apiUrl: 'http://127.0.0.1:8080',
  seed: 7,
  mix: { stable: 0.5, infection: 0.5 },
  devices: [
    { deviceId: 'd1', secret: 's1', patientId: 'p1', patientName: 'A', registeredAtMs: 1 },
    { deviceId: 'd2', secret: 's2', patientId: 'p2', patientName: 'B', lastSeq: 9 },
  ],
};

describe('fleet file', () => {
  it('is written owner-only (it holds the device secrets), read back as written, and never overwritten', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rpm-fleet-')), 'fleet.json');
    writeNewFleetFile(path, fleet);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFleetFile(path)).toEqual(fleet);
    expect(() => writeNewFleetFile(path, fleet)).toThrow(/already exists/);
  });

  it("keeps each device's last seq, only ever raising it, still owner-only", () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rpm-fleet-')), 'fleet.json');
    writeNewFleetFile(path, fleet);
    saveLastSeqs(
      path,
      fleet,
      new Map([
        ['d1', 5],
        ['d2', 3],
      ]),
    );
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFleetFile(path).devices.map((d) => d.lastSeq)).toEqual([5, 9]);
    expect(readFileSync(path, 'utf8')).toContain('"secret": "s1"');
  });

  it.each([
    { name: 'another format', json: { ...fleet, format: 'x' }, problem: 'format' },
    { name: 'no devices', json: { ...fleet, devices: [] }, problem: 'devices' },
    { name: 'a device without its secret', json: { ...fleet, devices: [{ deviceId: 'd', patientId: 'p' }] }, problem: 'devices[0].secret' },
    { name: 'an unknown scenario', json: { ...fleet, mix: { flu: 1 } }, problem: 'mix' },
    { name: 'a negative last seq', json: { ...fleet, devices: [{ ...fleet.devices[0], lastSeq: -1 }] }, problem: 'lastSeq' },
  ])('refuses $name', ({ json, problem }) => {
    expect(fleetFileProblems(json).join('; ')).toContain(problem);
  });

  it('accepts a demo fleet (no mix)', () => {
    const { mix: _mix, ...demo } = fleet;
    expect(fleetFileProblems(demo)).toEqual([]);
  });
});
