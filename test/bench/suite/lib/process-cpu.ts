import { readFileSync } from 'node:fs';

/** Linux: clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on every mainstream kernel build). */
const USER_HZ = 100;

/** CPU time (user + system) a process has used so far, ms, from /proc/<pid>/stat; undefined once it has gone. */
export function processCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // the command name (field 2) may contain spaces and parentheses: count fields from after the last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / USER_HZ;
}

/** Resident memory of a process, bytes, from /proc/<pid>/status (VmRSS); undefined once it has gone. */
export function processRssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}
