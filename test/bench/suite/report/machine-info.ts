import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly ramGiB: number;
  readonly kernel: string;
  readonly node: string;
  /** 1-minute load average at the start: a busy shared machine shows here */
  readonly loadAverage1m: number;
}

export interface RunInfo {
  readonly date: string;
  readonly commit: string;
  /** true when the tree had uncommitted changes: the figures are not exactly the commit's */
  readonly dirty: boolean;
  readonly quick: boolean;
  readonly repetitions: number;
  readonly machine: MachineInfo;
}

export function machineInfo(): MachineInfo {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

/** The short commit and whether the tree is dirty; "unknown" outside a git checkout (a tarball). */
export function gitState(cwd: string): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' });
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

export function describeRun(run: RunInfo): string {
  const m = run.machine;
  return (
    `${run.date}, commit ${run.commit}${run.dirty ? ' (uncommitted changes)' : ''}, ${run.quick ? 'quick' : 'full'} mode, ` +
    `${run.repetitions} repetition(s); ${m.cpuModel}, ${m.cores} cores, ${m.ramGiB} GiB, ${m.kernel}, Node ${m.node}, ` +
    `load ${m.loadAverage1m} at start`
  );
}
