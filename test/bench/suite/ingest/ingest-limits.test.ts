import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { limitFor } from './ingest-limits.ts';
import type { PlatformRunSample } from './platform-run.ts';

const sample = (over: Partial<PlatformRunSample>): PlatformRunSample => ({
  ackedMsgPerSec: 10_000,
  offeredMsgPerSec: undefined,
  storedReadingsPerSec: 10_000,
  spoolGrowthReadingsPerSec: 0,
  platformCores: 0.5,
  influxdCores: 0.2,
  publisherCores: 0.1,
  drainTailS: 0,
  disconnects: 0,
  loadAverage: 0,
  ...over,
});

describe('limitFor names what limited the ingest runs', () => {
  it.each([
    { name: 'a growing spool: InfluxDB writes', over: { spoolGrowthReadingsPerSec: 5_000 }, says: 'InfluxDB writes: the spool grew 5000' },
    {
      name: 'a platform at one core: its main thread, with the profile',
      over: { platformCores: 0.97 },
      says: "the platform's main thread",
    },
    {
      name: 'all three processes near 2 cores: the machine',
      over: { platformCores: 0.8, influxdCores: 0.6, publisherCores: 0.5 },
      says: "the machine's 2 cores",
    },
    { name: 'nothing saturated: the round trips', over: {}, says: 'PUBACK round trips' },
  ])('$name', ({ over, says }) => {
    expect(limitFor([sample(over)], 'PROFILE')).toContain(says);
  });

  it('uses medians, so one disturbed repetition does not decide', () => {
    const runs = [sample({ spoolGrowthReadingsPerSec: 9_000 }), sample({}), sample({})];
    expect(limitFor(runs, 'PROFILE')).toContain('PUBACK round trips');
  });

  it('quotes the profile when the main thread is the limit, and says when the machine was shared', () => {
    const text = limitFor([sample({ platformCores: 1, loadAverage: os.cpus().length + 5 })], 'PROFILE');
    expect(text).toContain('PROFILE');
    expect(text).toContain('a shared machine (load average');
  });
});
