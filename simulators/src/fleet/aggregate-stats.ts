import type { DeviceStats } from '../device/simulated-device-options.ts';

/** A fleet's counters: the sums of its devices' (see DeviceStats). */
export interface FleetStats {
  readonly devices: number;
  readonly desaturating: number;
  readonly connected: number;
  readonly created: number;
  readonly sent: number;
  readonly acknowledged: number;
  readonly failed: number;
  readonly dropped: number;
  readonly pending: number;
  readonly connects: number;
}

/** Sums per-device counters into the fleet's. */
export function aggregateStats(all: readonly DeviceStats[], desaturating: number): FleetStats {
  const sum = (key: 'created' | 'sent' | 'acknowledged' | 'failed' | 'dropped' | 'pending' | 'connects'): number =>
    all.reduce((n, s) => n + s[key], 0);
  return {
    devices: all.length,
    desaturating,
    connected: all.filter((s) => s.connected).length,
    created: sum('created'),
    sent: sum('sent'),
    acknowledged: sum('acknowledged'),
    failed: sum('failed'),
    dropped: sum('dropped'),
    pending: sum('pending'),
    connects: sum('connects'),
  };
}
