// Small process helpers for scripts/rpm.mjs. Plain JavaScript on purpose: this must run under the Node 20
// that a fresh Debian machine has, before any npm dependency is installed.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { delimiter, join } from 'node:path';

/** Prints one progress line, e.g. `[setup] fetching Node 24 from the npm registry…`. */
export function say(stage, message) {
  console.log(`[${stage}] ${message}`);
}

/** An error whose message is meant for a person; rpm.mjs prints it without a stack trace. */
export class SetupError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** Finds an executable on PATH, plus the sbin folders that a non-login root shell may lack (mosquitto lives there). */
export function findBinary(name, path = process.env.PATH ?? '') {
  const dirs = [...path.split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/** Runs a command to completion and returns its stdout; throws SetupError on failure. */
export function capture(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (result.error) throw new SetupError(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new SetupError(`\`${[command, ...args].join(' ')}\` failed (exit ${result.status ?? result.signal}):\n${result.stderr.trim()}`);
  }
  return result.stdout;
}

const forwardedSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
// npm run forwards the terminal's Ctrl-C to us as well, so one key press arrives twice within a few ms.
const duplicateSignalWindowMs = 1000;

/**
 * Runs a command with inherited stdio and resolves with its exit code (128 + signal number when killed).
 *
 * The child gets its own process group, so a terminal Ctrl-C reaches it only through us, exactly once: a
 * second SIGINT would kill a child that handles the first with `process.once` in the middle of its shutdown.
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', detached: true, ...options });
    const lastForwardedAt = new Map();
    const forward = (signal) => {
      const now = Date.now();
      if (now - (lastForwardedAt.get(signal) ?? 0) < duplicateSignalWindowMs) return;
      lastForwardedAt.set(signal, now);
      child.kill(signal);
    };
    const killOnExit = () => child.kill('SIGTERM');
    for (const signal of forwardedSignals) process.on(signal, forward);
    process.on('exit', killOnExit);
    const cleanUp = () => {
      for (const signal of forwardedSignals) process.off(signal, forward);
      process.off('exit', killOnExit);
    };
    child.once('error', (error) => {
      cleanUp();
      reject(new SetupError(`could not run ${command}: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      cleanUp();
      resolve(code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 0));
    });
  });
}

/** Runs a step that must succeed; a failure becomes a SetupError naming the command. */
export async function runStep(command, args, options = {}) {
  const code = await run(command, args, options);
  if (code !== 0) throw new SetupError(`\`${[command, ...args].join(' ')}\` failed (exit ${code})`, code);
}
