// Step a: make sure a Node 24 binary exists. A fresh Debian 12 machine has Node 20; the platform runs its
// TypeScript directly with Node 24's type stripping, so we fetch the official binary that the npm registry
// publishes as `node-linux-<arch>` (the only registry this machine can reach besides apt).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { capture, say, SetupError } from './process.mjs';

const requiredMajor = 24;

/** Returns the folder holding a Node 24 `node` binary, fetching one into `.tools/node24` if needed. */
export function ensureNode24(root) {
  if (majorOf(process.versions.node) >= requiredMajor) return dirname(process.execPath);

  const installDir = join(root, '.tools', 'node24');
  const binDir = join(installDir, 'bin');
  if (versionOf(join(binDir, 'node'))?.startsWith(`v${requiredMajor}.`)) return binDir;

  if (process.platform !== 'linux' || !['x64', 'arm64'].includes(process.arch)) {
    throw new SetupError(
      `Node ${requiredMajor} is required and can only be fetched automatically on linux x64/arm64; install it yourself.`,
    );
  }
  const spec = `node-linux-${process.arch}@${requiredMajor}`;
  say('setup', `fetching Node ${requiredMajor} from the npm registry (${spec})…`);
  const downloadDir = mkdtempSync(join(tmpdir(), 'rpm-node24-'));
  const stagingDir = `${installDir}.partial-${process.pid}`;
  try {
    const packed = JSON.parse(capture('npm', ['pack', spec, '--pack-destination', downloadDir, '--json'], { cwd: root }));
    const tarball = join(downloadDir, packed[0].filename);
    mkdirSync(stagingDir, { recursive: true });
    capture('tar', ['-xzf', tarball, '-C', stagingDir, '--strip-components=1']);
    const node = join(stagingDir, 'bin', 'node');
    chmodSync(node, 0o755);
    const version = versionOf(node);
    if (!version?.startsWith(`v${requiredMajor}.`)) {
      throw new SetupError(`the fetched ${spec} reports version ${version ?? '(none)'}, expected v${requiredMajor}.x`);
    }
    // Replace in one rename so an interrupted download never leaves a half-extracted .tools/node24 behind.
    rmSync(installDir, { recursive: true, force: true });
    renameSync(stagingDir, installDir);
    say('setup', `Node ${version} installed in .tools/node24`);
    return binDir;
  } finally {
    rmSync(downloadDir, { recursive: true, force: true });
    rmSync(stagingDir, { recursive: true, force: true });
  }
}

function majorOf(version) {
  return Number.parseInt(version.replace(/^v/, ''), 10);
}

function versionOf(node) {
  if (!existsSync(node)) return undefined;
  try {
    return capture(node, ['--version']).trim();
  } catch {
    return undefined;
  }
}
