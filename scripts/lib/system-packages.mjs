// Step b: the Debian packages whose programs the platform starts itself. We only call apt-get when a
// binary is missing, and we keep the packages' own system services off: the platform runs a private
// influxd, a system mosquitto on 1883 would clash with our broker's default port, and the tests start
// their own PostgreSQL servers.
import { accessSync, chmodSync, constants, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { capture, findBinary, runStep, say, SetupError } from './process.mjs';

const influxd = { binary: 'influxd', packages: ['influxdb'], service: 'influxdb' };
const chromium = { binary: 'chromium', packages: ['chromium'] };
const mosquitto = { binary: 'mosquitto', packages: ['mosquitto'], service: 'mosquitto' };
const mosquittoClients = { binary: 'mosquitto_pub', packages: ['mosquitto-clients'] };
// Debian installs the server programs per major version, off PATH: /usr/lib/postgresql/<version>/bin/postgres.
const postgresql = { binary: 'postgres', packages: ['postgresql'], service: 'postgresql', find: findPostgresServer };

/** What each subcommand needs; `setup` prepares the machine for everything. */
export const requirementsFor = {
  start: [influxd],
  test: [influxd, chromium, mosquitto, mosquittoClients, postgresql],
  setup: [influxd, chromium, mosquitto, mosquittoClients, postgresql],
  // npm run bench: the platform's influxd, and Debian's mosquitto as the raw-broker baseline (mosquitto_passwd with it)
  bench: [influxd, mosquitto, mosquittoClients],
};

// Debian's documented switch for "do not start services from maintainer scripts" (invoke-rc.d exit 101).
const policyRcD = '/usr/sbin/policy-rc.d';

export async function ensureSystemPackages(requirements) {
  const missing = requirements.filter((requirement) => !isInstalled(requirement));
  if (missing.length === 0) return;

  const packages = [...new Set(missing.flatMap((requirement) => requirement.packages))];
  const installArgs = ['install', '-y', '--no-install-recommends', ...packages];
  const binaries = missing.map((requirement) => requirement.binary).join(', ');
  if (!findBinary('apt-get')) {
    throw new SetupError(`missing programs (${binaries}); install the Debian packages ${packages.join(' ')} and try again.`);
  }
  if (process.getuid?.() !== 0) {
    throw new SetupError(
      `missing programs (${binaries}). Install them as root, then run this again:\n` +
        `  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get ${installArgs.join(' ')}`,
    );
  }

  say('setup', `installing Debian packages for ${binaries}: ${packages.join(' ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ownPolicy = !existsSync(policyRcD);
  if (ownPolicy) {
    writeFileSync(policyRcD, '#!/bin/sh\n# written by scripts/rpm.mjs while it installs packages\nexit 101\n');
    chmodSync(policyRcD, 0o755);
  }
  try {
    await runStep('apt-get', ['update'], { env });
    await runStep('apt-get', installArgs, { env });
  } finally {
    if (ownPolicy) rmSync(policyRcD, { force: true });
  }

  for (const requirement of missing) {
    if (!isInstalled(requirement))
      throw new SetupError(`${requirement.binary} is still missing after installing ${requirement.packages.join(' ')}`);
    if (requirement.service) keepServiceOff(requirement.service);
  }
}

function isInstalled(requirement) {
  return Boolean(requirement.find ? requirement.find() : findBinary(requirement.binary));
}

/** The newest installed PostgreSQL server program, if any. */
function findPostgresServer() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const candidate = join(root, version, 'bin', 'postgres');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not this version; keep looking
    }
  }
  return undefined;
}

/** Stops a package's system service and disables it at boot, with whichever init tooling exists. */
function keepServiceOff(service) {
  const attempts = existsSync('/run/systemd/system')
    ? [['systemctl', ['disable', '--now', service]]]
    : [
        ['service', [service, 'stop']],
        ['update-rc.d', [service, 'disable']],
      ];
  for (const [command, args] of attempts) {
    if (!findBinary(command)) continue;
    try {
      capture(command, args);
    } catch {
      // "not running" or "no such service" is exactly the state we want.
    }
  }
  say('setup', `system ${service} service stopped and disabled (the platform runs its own)`);
}
