import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LoadCommand, LoadConfig, LoadStats } from './load-protocol.ts';

const LOAD_PROCESS = fileURLToPath(new URL('./load-process.ts', import.meta.url));

/**
 * The open-file limit a child may raise itself to: this machine's hard limit (20,000 in the container the benchmarks
 * were written on, which root cannot raise without CAP_SYS_RESOURCE). One socket per device, plus some slack.
 */
export const OPEN_FILES = 20_000;
/** devices per load process: below OPEN_FILES, and small enough that one process is not the bottleneck */
const DEVICES_PER_PROCESS = 15_000;

/** Spawns `node file …args` with the open-file limit raised as far as the machine allows. */
export function spawnWithFileLimit(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChildProcessWithoutNullStreams {
  // `ulimit -n` (soft) up to the hard limit; `|| true` keeps going where even that is refused
  return spawn('bash', ['-c', `ulimit -n $(ulimit -Hn) || true; exec "$0" "$@"`, process.execPath, ...args], { env, stdio: 'pipe' });
}

export interface LoadFleet {
  send(command: LoadCommand): void;
  /** the latest stats, summed over the load processes */
  stats(): LoadStats;
  /** CPU the load processes used, as a share of one core, since `fromStats` (or their start) */
  cpuShare(fromStats?: LoadStats): number;
  stop(): Promise<void>;
}

let fleetsStarted = 0;

/** Starts the load generator: the devices split over one or more child processes. */
export async function startLoadFleet(config: LoadConfig, workDir: string): Promise<LoadFleet> {
  const parts = Math.max(1, Math.ceil(config.devices.length / DEVICES_PER_PROCESS));
  const per = Math.ceil(config.devices.length / parts);
  const children: { child: ChildProcessWithoutNullStreams; latest: LoadStats | undefined; exited: Promise<void> }[] = [];
  for (let i = 0; i < parts; i++) {
    const file = join(workDir, `load-${process.pid}-${++fleetsStarted}-${i}.json`);
    await writeFile(file, JSON.stringify({ ...config, devices: config.devices.slice(i * per, (i + 1) * per) }));
    const child = spawnWithFileLimit([LOAD_PROCESS, file]);
    const entry = { child, latest: undefined as LoadStats | undefined, exited: new Promise<void>((r) => child.once('exit', () => r())) };
    createInterface({ input: child.stdout }).on('line', (line) => (entry.latest = JSON.parse(line) as LoadStats));
    let errors = '';
    child.stderr.on('data', (d: Buffer) => (errors = (errors + d.toString()).slice(-4000)));
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) process.stderr.write(`load process ${i} exited ${code}: ${errors}\n`);
    });
    children.push(entry);
  }
  const sum = (): LoadStats => {
    const total = {
      connected: 0,
      connectFailures: 0,
      published: 0,
      acked: 0,
      readingsAcked: 0,
      inflight: 0,
      backlogDone: 0,
      cpuUserMs: 0,
      cpuSystemMs: 0,
      uptimeMs: 0,
    };
    for (const { latest } of children) {
      if (latest === undefined) continue;
      for (const key of Object.keys(total) as (keyof LoadStats)[]) {
        total[key] = key === 'uptimeMs' ? Math.max(total[key], latest[key]) : total[key] + latest[key];
      }
    }
    return total;
  };
  return {
    send: (command) => {
      for (const { child } of children) child.stdin.write(`${JSON.stringify(command)}\n`);
    },
    stats: sum,
    cpuShare: (from) => {
      const now = sum();
      const cpu = now.cpuUserMs + now.cpuSystemMs - (from === undefined ? 0 : from.cpuUserMs + from.cpuSystemMs);
      const wall = now.uptimeMs - (from?.uptimeMs ?? 0);
      return wall > 0 ? cpu / wall : 0;
    },
    stop: async () => {
      for (const { child } of children) child.stdin.end();
      const killer = setTimeout(() => {
        for (const { child } of children) child.kill('SIGKILL');
      }, 10_000);
      await Promise.all(children.map((c) => c.exited));
      clearTimeout(killer);
    },
  };
}
