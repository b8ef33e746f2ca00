import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { PublisherConfig, PublisherLine, PublisherResult } from './publisher-config.ts';

const PUBLISHER = fileURLToPath(new URL('./publisher.ts', import.meta.url));

export interface PublisherRun {
  /** resolves with the epoch ms publishing started at (every device connected) */
  readonly started: Promise<number>;
  readonly result: Promise<PublisherResult>;
  /** ends the process early (on failure elsewhere) */
  kill(): void;
}

/**
 * Starts the publisher as its own Node process. Its result arrives once it has published for `durationMs` and
 * waited for the last PUBACKs; a process that exits without one rejects with what it printed on stderr.
 */
export async function runPublisher(config: PublisherConfig, workDir: string, name: string): Promise<PublisherRun> {
  const file = join(workDir, `${name}.publisher.json`);
  await writeFile(file, JSON.stringify(config));
  const child = spawn(process.execPath, [PUBLISHER, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let resolveStarted: (at: number) => void = () => undefined;
  let resolveResult: (r: PublisherResult) => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const started = new Promise<number>((resolve, reject) => {
    resolveStarted = resolve;
    fail = reject;
  });
  const result = new Promise<PublisherResult>((resolve, reject) => {
    resolveResult = resolve;
    const failStarted = fail;
    fail = (e) => {
      failStarted(e);
      reject(e);
    };
  });
  // whichever the caller does not await must not become an unhandled rejection
  started.catch(() => undefined);
  result.catch(() => undefined);
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as PublisherLine;
    if (line.event === 'started') resolveStarted(line.at);
    else resolveResult(line.result);
  });
  child.once('close', (code, signal) => fail(new Error(`publisher exited (${signal ?? code}) without a result: ${stderr.trim()}`)));
  return { started, result, kill: () => child.kill('SIGKILL') };
}
