import type { AcceptedReading } from '@rpm/contracts';
import { readingToPoint } from '@rpm/device-gateway';
import { processCpuMs } from '../lib/process-cpu.ts';

export interface DirectWriteOptions {
  readonly influxUrl: string;
  readonly influxPid: number;
  /** points per repetition */
  readonly points: number;
  readonly devices: number;
  readonly batchLines: number;
  /** write requests in flight at once */
  readonly concurrency: number;
  /** distinct timestamps per repetition, so each run writes new points rather than overwriting */
  readonly repetition: number;
}

export interface DirectWriteSample {
  readonly pointsPerSec: number;
  readonly influxdCores: number;
}

const DATABASE = 'baseline';

/**
 * The storage ceiling: the same points the gateway writes (readingToPoint: measurement vitals, tags patient_id,
 * device_id, type, fields seq, received_at, value; ms timestamps), as line protocol built before the clock starts,
 * POSTed straight to /write of the same influxd in `batchLines` batches with `concurrency` requests in flight — no
 * spool, no MQTT, no rules. Written to a database of its own so the platform's data and oracle are untouched.
 */
export async function measureDirectWrite(o: DirectWriteOptions): Promise<DirectWriteSample> {
  await query(o.influxUrl, `CREATE DATABASE ${DATABASE}`);
  const bodies = buildBodies(o);
  const url = new URL('/write', o.influxUrl);
  url.searchParams.set('db', DATABASE);
  url.searchParams.set('precision', 'ms');
  let next = 0;
  const started = Date.now();
  const cpuBefore = processCpuMs(o.influxPid) ?? Number.NaN;
  const writer = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await fetch(url, { method: 'POST', body });
      if (res.status !== 204) throw new Error(`direct write: HTTP ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, writer));
  const elapsedMs = Date.now() - started;
  return { pointsPerSec: (o.points * 1000) / elapsedMs, influxdCores: ((processCpuMs(o.influxPid) ?? Number.NaN) - cpuBefore) / elapsedMs };
}

function buildBodies(o: DirectWriteOptions): string[] {
  const firstAt = Date.UTC(2020, 0, 1) + o.repetition * o.points * 10;
  const bodies: string[] = [];
  let lines: string[] = [];
  for (let i = 0; i < o.points; i++) {
    const device = i % o.devices;
    const seq = Math.floor(i / o.devices);
    const accepted: AcceptedReading = {
      deviceId: `bench-direct-${device}`,
      patientId: `bench-patient-${device}`,
      seq,
      receivedAt: firstAt + i,
      reading:
        i % 2 === 0
          ? { type: 'heart_rate', at: firstAt + i * 10, value: 60 + (i % 30) }
          : { type: 'spo2', at: firstAt + i * 10, value: 95 + (i % 5) },
    };
    lines.push(readingToPoint(accepted).toLineProtocol() ?? '');
    if (lines.length === o.batchLines) {
      bodies.push(lines.join('\n'));
      lines = [];
    }
  }
  if (lines.length > 0) bodies.push(lines.join('\n'));
  return bodies;
}

async function query(influxUrl: string, q: string): Promise<void> {
  const res = await fetch(new URL('/query', influxUrl), { method: 'POST', body: new URLSearchParams({ q }) });
  if (!res.ok) throw new Error(`${q}: HTTP ${res.status} ${await res.text()}`);
}
