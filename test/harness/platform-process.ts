import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eventually } from './eventually.ts';

const MAIN = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));

export interface PlatformProcess {
  readonly child: ChildProcess;
  readonly httpUrl: string;
  /** everything the process printed */
  output(): string;
  /** resolves with the exit code (or the signal) */
  readonly exited: Promise<number | NodeJS.Signals>;
}

/**
 * The platform as a real process — `node server/src/main.ts`, as `npm start` runs it — for tests that kill it.
 * Resolves once /readyz answers 200.
 */
export async function startPlatformProcess(env: Record<string, string>, readyTimeoutMs = 60_000): Promise<PlatformProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, RPM_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  const httpUrl = `http://127.0.0.1:${env['RPM_HTTP_PORT'] ?? '8080'}`;
  let died = false;
  void exited.then(() => (died = true));
  await eventually(
    async () => {
      if (died) throw new Error(`platform exited:\n${output}`);
      const res = await fetch(`${httpUrl}/readyz`).catch(() => undefined);
      return res?.status === 200 ? true : undefined;
    },
    readyTimeoutMs,
    'the platform process to be ready',
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return { child, httpUrl, output: () => output, exited };
}
