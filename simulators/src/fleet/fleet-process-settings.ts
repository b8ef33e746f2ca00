import process from 'node:process';

/**
 * Settings of a Node process that runs thousands of simulated devices (docs/simulator.md "Scale"). Both are fixed
 * when the process starts (V8 ignores a later `v8.setFlagsFromString` for the young generation), so they go on the
 * command line and in the environment: `MALLOC_ARENA_MAX=1 node --max-semi-space-size=2 simulators/src/cli.ts run …`.
 *
 * - `--max-semi-space-size=2` (MB): on a large machine V8 lets the young generation grow to 128 MB under a fleet's
 *   allocation rate, 11.5 KB per device at 10,000 devices; 2 MB semi-spaces cost more frequent scavenges instead.
 * - `MALLOC_ARENA_MAX=1`: glibc gives each thread that mallocs its own arena (V8's GC helpers, libuv's pool) and keeps
 *   their freed memory. On a quiet machine, 6–7 runs each at 10,000 devices: RSS per device median 18.7 KB with one
 *   arena, 21.3 KB with two (docs/simulator.md "Scale"); the fleet's work is on the main thread, so the lock one
 *   arena shares among threads costs nothing measurable.
 */
export const FLEET_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
export const FLEET_ENVIRONMENT: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '1' };

/** Whether this process was started with the fleet settings. */
export function hasFleetProcessSettings(): boolean {
  const flags = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)];
  return (
    FLEET_NODE_FLAGS.every((flag) => flags.includes(flag)) &&
    Object.entries(FLEET_ENVIRONMENT).every(([name, value]) => process.env[name] === value)
  );
}
