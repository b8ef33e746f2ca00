// Step d: build the dashboard when dashboard/dist/index.html is missing or older than any of its inputs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runStep, say } from './process.mjs';

const skippedFolders = new Set(['dist', 'node_modules', '.vite']);

export async function ensureDashboardBuild(root, env) {
  if (!existsSync(join(root, 'dashboard', 'vite.config.ts'))) {
    say('setup', 'dashboard/vite.config.ts does not exist yet; skipping the dashboard build');
    return;
  }
  const builtAt = statSync(join(root, 'dashboard', 'dist', 'index.html'), { throwIfNoEntry: false })?.mtimeMs;
  const inputs = [join(root, 'dashboard'), join(root, 'contracts', 'src'), join(root, 'package-lock.json')];
  if (builtAt !== undefined && !inputs.some((input) => hasFileNewerThan(input, builtAt))) return;

  say('setup', builtAt === undefined ? 'building the dashboard…' : 'dashboard sources changed; rebuilding the dashboard…');
  await runStep('npm', ['run', 'build', '-w', 'dashboard'], { cwd: root, env });
}

/**
 * True when the file, or any file below the folder, was modified after `time`. Only files count: tools write
 * into these folders without changing the sources (tsc -b leaves dashboard/tsconfig.tsbuildinfo, vite a cache).
 */
function hasFileNewerThan(path, time) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return false;
  if (!stats.isDirectory()) return stats.mtimeMs > time;
  return readdirSync(path, { withFileTypes: true }).some((entry) => {
    const skipped = entry.isDirectory() ? skippedFolders.has(entry.name) : isToolOutput(entry.name);
    return !skipped && hasFileNewerThan(join(path, entry.name), time);
  });
}

function isToolOutput(fileName) {
  return fileName.endsWith('.tsbuildinfo') || fileName.includes('.timestamp-');
}
