import type { PublisherDeviceResult } from '../load/publisher-config.ts';

/** A benchmark device across repetitions: seqs continue where the last run stopped, as a real device's do. */
export interface BenchDevice {
  readonly id: string;
  readonly secret?: string;
  nextSeq: number;
  readonly unacked: number[];
}

export function benchDevices(logins: readonly { deviceId: string; secret?: string }[]): BenchDevice[] {
  return logins.map((l) => ({ id: l.deviceId, ...(l.secret === undefined ? {} : { secret: l.secret }), nextSeq: 0, unacked: [] }));
}

/** Folds one publisher run into the devices' state. */
export function recordRun(devices: readonly BenchDevice[], results: readonly PublisherDeviceResult[]): void {
  const byId = new Map(devices.map((d) => [d.id, d]));
  for (const r of results) {
    const d = byId.get(r.id);
    if (d === undefined) continue;
    d.nextSeq = r.nextSeq;
    d.unacked.push(...r.unacked);
  }
}
