// Step b: the Debian packages whose programs the platform starts itself. We only call apt-get when a
// binary is missing, and we keep the packages' own system services off: the platform runs a private
// influxd, and a system mosquitto on 1883 would clash with our broker's default port.
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { capture, findBinary, runStep, say, SetupError } from './process.mjs';

const influxd = { binary: 'influxd', packages: ['influxdb'], service: 'influxdb' };
const chromium = { binary: 'chromium', packages: ['chromium'] };
const mosquitto = { binary: 'mosquitto', packages: ['mosquitto'], service: 'mosquitto' };
const mosquittoClients = { binary: 'mosquitto_pub', packages: ['mosquitto-clients'] };

/** What each subcommand needs; `setup` prepares the machine for everything. */
export const requirementsFor = {
  start: [influxd],
  test: [influxd, chromium, mosquitto, mosquittoClients],
  setup: [influxd, chromium, mosquitto, mosquittoClients],
  // npm run bench: the platform's influxd, and Debian's mosquitto as the raw-broker baseline (mosquitto_passwd with it)
  bench: [influxd, mosquitto, mosquittoClients],
};

// Debian's documented switch for "do not start services from maintainer scripts" (invoke-rc.d exit 101).
const policyRcD = '/usr/sbin/policy-rc.d';

export async function ensureSystemPackages(requirements) {
  const missing = requirements.filter((requirement) => !findBinary(requirement.binary));
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
    if (!findBinary(requirement.binary))
      throw new SetupError(`${requirement.binary} is still missing after installing ${requirement.packages.join(' ')}`);
    if (requirement.service) keepServiceOff(requirement.service);
  }
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
