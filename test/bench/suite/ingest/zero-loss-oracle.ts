import { storedSeqs } from '../../../harness/stored-seqs.ts';

export interface OracleOutcome {
  readonly devices: number;
  /** readings of acknowledged messages */
  readonly expectedReadings: number;
  readonly storedReadings: number;
  /** acknowledged (device, seq) pairs with a reading missing from InfluxDB */
  readonly missing: number;
  readonly ok: boolean;
}

export interface OracleDevice {
  readonly id: string;
  /** every seq this device published in the benchmark so far: [0, nextSeq) */
  readonly nextSeq: number;
  /** published seqs never acknowledged (the device would still hold them) */
  readonly unacked: readonly number[];
}

interface Series {
  readonly tags?: Record<string, string>;
  readonly values?: unknown[][];
}

async function countByDevice(influxUrl: string, fromMs: number, toMs: number): Promise<Map<string, number>> {
  const u = new URL('/query', influxUrl);
  u.searchParams.set('db', 'rpm');
  u.searchParams.set('q', `SELECT count(value) FROM vitals WHERE time >= ${fromMs}ms AND time < ${toMs}ms GROUP BY device_id`);
  const body = (await (await fetch(u)).json()) as { results: { series?: Series[]; error?: string }[] };
  const result = body.results[0];
  if (result?.error !== undefined) throw new Error(`oracle query: ${result.error}`);
  const counts = new Map<string, number>();
  for (const s of result?.series ?? []) counts.set(s.tags?.['device_id'] ?? '', Number(s.values?.[0]?.[1] ?? 0));
  return counts;
}

/**
 * The (device, seq) oracle: every acknowledged message's readings are in InfluxDB. Reading j of message seq of a
 * device is measured at firstAtMs + (seq × k + j) × spacingMs, a distinct timestamp per (device, seq, j); InfluxDB
 * keeps one point per series and timestamp, so a reading stored twice is one point (exactly once by construction).
 * A device whose seqs 0…n−1 were all acknowledged must then have exactly n × k points in [firstAt, firstAt + n·k·spacing):
 * one count per device proves none is missing (n × k distinct slots, n × k points). A device with unacknowledged
 * seqs (a closed connection) is checked seq by seq instead (test/harness/stored-seqs.ts).
 */
export async function checkZeroLoss(
  influxUrl: string,
  devices: readonly OracleDevice[],
  readingsPerMessage: number,
  firstAtMs: number,
  spacingMs: number,
): Promise<OracleOutcome> {
  const maxSeq = Math.max(0, ...devices.map((d) => d.nextSeq));
  const counts = await countByDevice(influxUrl, firstAtMs, firstAtMs + maxSeq * readingsPerMessage * spacingMs);
  let expectedReadings = 0;
  let storedReadings = 0;
  let missing = 0;
  for (const d of devices) {
    const stored = counts.get(d.id) ?? 0;
    storedReadings += stored;
    const ackedMessages = d.nextSeq - d.unacked.length;
    expectedReadings += ackedMessages * readingsPerMessage;
    if (d.unacked.length === 0) {
      if (stored < d.nextSeq * readingsPerMessage) missing += Math.ceil((d.nextSeq * readingsPerMessage - stored) / readingsPerMessage);
      continue;
    }
    const seqs = await storedSeqs(influxUrl, d.id);
    const unacked = new Set(d.unacked);
    for (let seq = 0; seq < d.nextSeq; seq++) {
      if (!unacked.has(seq) && (seqs.get(seq) ?? 0) < readingsPerMessage) missing++;
    }
  }
  return { devices: devices.length, expectedReadings, storedReadings, missing, ok: missing === 0 };
}
