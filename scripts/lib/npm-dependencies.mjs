// Step c: `npm ci` when node_modules is missing or package-lock.json changed since the last successful install.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runStep, say, SetupError } from './process.mjs';

export async function ensureNpmDependencies(root, env) {
  const lockFile = join(root, 'package-lock.json');
  if (!existsSync(lockFile)) throw new SetupError('package-lock.json is missing; it is committed with the repository.');
  const lockHash = createHash('sha256').update(readFileSync(lockFile)).digest('hex');
  // The stamp lives inside node_modules so deleting node_modules also forgets it.
  const stampFile = join(root, 'node_modules', '.rpm-installed');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === lockHash) return;

  const reason = existsSync(join(root, 'node_modules')) ? 'package-lock.json changed since the last install' : 'no node_modules yet';
  say('setup', `installing npm dependencies with npm ci (${reason})…`);
  await runStep('npm', ['ci'], { cwd: root, env });
  writeFileSync(stampFile, `${lockHash}\n`);
}
