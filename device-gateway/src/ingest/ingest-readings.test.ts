import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuarantineEntry } from '@rpm/contracts';
import { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import { SqliteSpool } from '../spool/sqlite-spool.ts';
import { ingestReadings, type IngestReadingsDeps } from './ingest-readings.ts';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const device = { deviceId: 'dev-a1', patientId: 'pat-1', registeredAt: NOW - 86_400_000 };
const at = (minutesAgo: number): string => new Date(NOW - minutesAgo * 60_000).toISOString();
const hr = (minutesAgo: number, value = 70): object => ({ type: 'heart_rate', at: at(minutesAgo), unit: '/min', value });
const payload = (seq: number, readings: object[]): Buffer => Buffer.from(JSON.stringify({ seq, readings }));

describe('ingestReadings', () => {
  let spool: SqliteSpool;
  let quarantined: QuarantineEntry[];
  let deps: IngestReadingsDeps;
  beforeEach(() => {
    spool = new SqliteSpool({ file: ':memory:', maxBytes: 1e7, dedupWindowMs: 1e9, now: () => NOW });
    quarantined = [];
    deps = {
      spool,
      quarantine: {
        record: (entries) => {
          quarantined.push(...entries);
          return Promise.resolve();
        },
      },
      metrics: new GatewayMetrics(),
      now: () => NOW,
      onSpooled: () => undefined,
    };
  });
  afterEach(() => spool.close());

  it.each([
    { name: 'in order already', minutesAgo: [30, 20, 10] },
    { name: 'out of order (a device that uploads newest first)', minutesAgo: [10, 30, 20] },
  ])('hands on and spools readings in measurement order: $name', async ({ minutesAgo }) => {
    const accepted = await ingestReadings(
      deps,
      device,
      'rpm/v1/devices/dev-a1/readings',
      payload(
        1,
        minutesAgo.map((m) => hr(m)),
      ),
    );
    const expected = [30, 20, 10].map((m) => NOW - m * 60_000);
    expect(accepted.map((a) => a.reading.at)).toEqual(expected);
    expect(spool.peek(10)[0]?.readings.map((r) => r.at)).toEqual(expected);
  });

  it('quarantines refused readings with their index and stores the rest', async () => {
    const accepted = await ingestReadings(deps, device, 'rpm/v1/devices/dev-a1/readings', payload(2, [hr(5), hr(4, 999)]));
    expect(accepted).toHaveLength(1);
    expect(quarantined).toMatchObject([{ readingIndex: 1, seq: 2 }]);
  });
});
