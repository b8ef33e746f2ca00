import type { DashboardClients } from './dashboard-clients.ts';
import type { FiredProbe, ProbeDevices } from './probe-devices.ts';
import { sleep } from './stats.ts';

export interface ProbeLatencies {
  /** publish → the first dashboard client's `alert:raised`, ms, per probe that reached at least one client */
  readonly first: readonly number[];
  /** publish → the last (the count-th) client's, ms, per probe that reached every client */
  readonly last: readonly number[];
  /** probes that had not reached every client `timeoutMs` after their publish */
  readonly incomplete: number;
  /** publish → PUBACK, ms: the part of the latency spent before the reading was spooled */
  readonly acked: readonly number[];
}

/** How long a probe may take to reach every client before it counts as incomplete. */
const PROBE_TIMEOUT_MS = 10_000;

/** Fires `count` probes `intervalMs` apart and collects their latencies at the dashboard clients. */
export async function measureProbes(
  probes: ProbeDevices,
  clients: DashboardClients,
  count: number,
  intervalMs: number,
): Promise<ProbeLatencies> {
  let left = count;
  return probeWhile(probes, clients, intervalMs, () => left-- > 0);
}

/** Fires a probe every `intervalMs` while `keepGoing()` holds and probe devices remain; then collects as above. */
export async function probeWhile(
  probes: ProbeDevices,
  clients: DashboardClients,
  intervalMs: number,
  keepGoing: () => boolean,
): Promise<ProbeLatencies> {
  const fired: FiredProbe[] = [];
  while (probes.remaining > 0 && keepGoing()) {
    fired.push(probes.fire());
    await sleep(intervalMs);
  }
  return collect(fired, clients);
}

async function collect(fired: readonly FiredProbe[], clients: DashboardClients): Promise<ProbeLatencies> {
  const deadline = performance.now() + PROBE_TIMEOUT_MS;
  while (performance.now() < deadline && fired.some((f) => clients.arrivals(f.patientId).length < clients.count)) await sleep(50);
  const first: number[] = [];
  const last: number[] = [];
  let incomplete = 0;
  const acked: number[] = [];
  for (const f of fired) {
    if (f.ackedAt !== undefined) acked.push(f.ackedAt - f.publishedAt);
    const arrivals = clients.arrivals(f.patientId);
    if (arrivals.length > 0) first.push(Math.min(...arrivals) - f.publishedAt);
    if (arrivals.length === clients.count) last.push(Math.max(...arrivals) - f.publishedAt);
    else incomplete++;
  }
  return { first, last, incomplete, acked };
}
