import type { TestPlatform } from './platform.ts';
import { influxQuery } from './restartable-influxd.ts';

/** Every seq stored for the device, with how many points carry it. */
export async function storedSeqs(influxUrl: string, deviceId: string): Promise<Map<number, number>> {
  const rows = await influxQuery(influxUrl, `SELECT seq, value FROM vitals WHERE device_id = '${deviceId}'`);
  const counts = new Map<number, number>();
  for (const row of rows) {
    const seq = Number(row[1]);
    counts.set(seq, (counts.get(seq) ?? 0) + 1);
  }
  return counts;
}

/** The oracle: which acknowledged seqs are missing, and which are stored more than once. */
export async function checkOracle(
  influxUrl: string,
  deviceId: string,
  acked: ReadonlySet<number>,
): Promise<{ missing: number[]; repeated: number[] }> {
  const stored = await storedSeqs(influxUrl, deviceId);
  return {
    missing: [...acked].filter((s) => !stored.has(s)).sort((a, b) => a - b),
    repeated: [...stored].filter(([, n]) => n > 1).map(([s]) => s),
  };
}

/** Reasons of everything the gateway quarantined (a fault test's device sends only valid messages: expect none). */
export async function quarantined(platform: Pick<TestPlatform, 'admin'>): Promise<string[]> {
  const { entries } = await platform.admin.expect<{ entries: { reason: string; detail: string }[] }>(200, 'GET', '/quarantine?limit=20');
  return entries.map((e) => `${e.reason}: ${e.detail}`);
}
