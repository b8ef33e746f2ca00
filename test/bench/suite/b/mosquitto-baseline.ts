import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../../../harness/eventually.ts';
import { freePort } from '../../../harness/free-port.ts';

export interface PlainMosquitto {
  readonly port: number;
  /** resident memory of the broker process, bytes */
  rssBytes(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Debian's mosquitto as the capacity baseline: what a C broker keeps per idle connection (ARCHITECTURE §8: ~0.7 KB).
 * Anonymous (no password file) on purpose: it measures the broker's connection cost, not its authentication.
 */
export async function startPlainMosquitto(workDir: string, binary = '/usr/sbin/mosquitto'): Promise<PlainMosquitto> {
  const dir = join(workDir, `mosquitto-${Date.now()}`);
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  await writeFile(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      `user ${userInfo().username}`,
      'allow_anonymous true',
      'max_connections -1',
      'persistence false',
      'log_dest none',
      '',
    ].join('\n'),
  );
  // the same open-file limit as the gateway gets
  const child: ChildProcess = spawn('bash', ['-c', 'ulimit -n $(ulimit -Hn) || true; exec "$0" -c "$1"', binary, conf], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await eventually(
      () =>
        new Promise<true | undefined>((resolve) => {
          const s = connect({ port, host: '127.0.0.1' });
          s.once('connect', () => {
            s.destroy();
            resolve(true);
          });
          s.once('error', () => resolve(undefined));
        }),
      10_000,
      'mosquitto to listen',
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const pid = child.pid ?? 0;
  return {
    port,
    rssBytes: async () => Number(/VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) * 1024,
    stop,
  };
}
