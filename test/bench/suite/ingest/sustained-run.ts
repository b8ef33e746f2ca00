import type { BenchDevice } from './fleet-state.ts';
import { spoolGrew } from './ingest-limits.ts';
import type { PlatformRig } from './platform-rig.ts';
import { measurePlatformRun, type IngestVariant, type PlatformRunSample } from './platform-run.ts';
import type { RunTiming } from './timing.ts';

/** Above the stored rate of the saturated run, so the open-loop run probes for more rather than settling below it. */
const PROBE_FACTOR = 1.1;

export interface SustainedSample {
  /** the run whose stored rate is reported: the closed-loop one, or the open-loop one that followed it */
  readonly reported: PlatformRunSample;
  /** the closed-loop (saturating) run */
  readonly saturated: PlatformRunSample;
}

/**
 * The sustained end-to-end rate: a closed-loop run saturates the platform; when its spool did not grow, everything
 * acknowledged was also stored and its stored rate is the answer. When the spool grew (PUBACKs outran InfluxDB
 * writes, both competing for the one main thread), the devices are run again open loop at 1.1 × the stored rate, as
 * a fleet that publishes no faster than it can be stored, and that run's stored rate is reported.
 */
export async function measureSustained(
  rig: PlatformRig,
  devices: BenchDevice[],
  variant: IngestVariant,
  timing: RunTiming,
  workDir: string,
  name: string,
): Promise<SustainedSample> {
  const saturated = await measurePlatformRun(rig, devices, variant, timing, workDir, `${name}-closed`);
  if (!spoolGrew(saturated)) return { reported: saturated, saturated };
  const rate = (saturated.storedReadingsPerSec / variant.readingsPerMessage) * PROBE_FACTOR;
  const reported = await measurePlatformRun(rig, devices, variant, timing, workDir, `${name}-open`, rate);
  return { reported, saturated };
}
