import type { FleetStats } from '../fleet/run-fleet.ts';

/**
 * One line of fleet progress; msg/s is acknowledged messages per second since the previous line (or the start).
 * A cohort adds its simulated time.
 */
export function formatStatusLine(
  stats: FleetStats,
  previous: FleetStats | undefined,
  elapsedS: number,
  sinceLastS: number,
  simNowMs?: number,
): string {
  const rate = sinceLastS <= 0 ? 0 : (stats.acknowledged - (previous?.acknowledged ?? 0)) / sinceLastS;
  return [
    `[${elapsedS.toFixed(0).padStart(5)} s]`,
    ...(simNowMs === undefined ? [] : [`sim ${new Date(simNowMs).toISOString().slice(0, 16).replace('T', ' ')}Z`]),
    `connected ${stats.connected}/${stats.devices}`,
    `sent ${stats.sent}`,
    `acknowledged ${stats.acknowledged}`,
    `failed ${stats.failed}`,
    `pending ${stats.pending}`,
    ...(stats.dropped > 0 ? [`dropped ${stats.dropped}`] : []),
    `${rate.toFixed(1)} msg/s`,
  ].join('  ');
}
