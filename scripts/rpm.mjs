#!/usr/bin/env node
// The two-command entry point: `npm start` runs the platform, `npm test` runs the whole suite, on a fresh
// Debian 12 machine that only has Node 20 and npm. Plain JavaScript with node: builtins only, because it
// runs before Node 24 and the npm dependencies exist. Every set-up step is skipped when already satisfied.
//
//   node scripts/rpm.mjs setup               Node 24, Debian packages, npm ci, dashboard build
//   node scripts/rpm.mjs start [-- args]     setup, then node server/src/main.ts
//   node scripts/rpm.mjs test [-- filters]   setup, static checks, then vitest run (filters go to vitest)
//   node scripts/rpm.mjs check               typecheck, lint, format check, import boundaries
//   node scripts/rpm.mjs simulate [-- args]  Node 24 + npm ci, then node simulators/src/cli.ts
//   node scripts/rpm.mjs bench-rules [-- args]  Node 24 + npm ci, then the rules engine benchmark
//   node scripts/rpm.mjs bench-sim-scale [-- args]  Node 24 + npm ci, then the simulator scale benchmark (influxd for its platform run)
//   node scripts/rpm.mjs bench-vitals [-- args] Node 24, influxd, npm ci, then the vitals history benchmark
//   node scripts/rpm.mjs bench-dashboard [-- args] setup (influxd, chromium, dashboard build), then the dashboard-in-Chromium benchmark
//   node scripts/rpm.mjs bench [-- args]    Node 24, influxd, mosquitto, npm ci, then every workload of issue #8 (--quick, --only)
//   node scripts/rpm.mjs screenshots         setup, then regenerate docs/screenshots/ from a running demo
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDashboardBuild } from './lib/dashboard-build.mjs';
import { ensureNode24 } from './lib/node24.mjs';
import { ensureNpmDependencies } from './lib/npm-dependencies.mjs';
import { run, runStep, say, SetupError } from './lib/process.mjs';
import { ensureSystemPackages, requirementsFor } from './lib/system-packages.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const staticChecks = ['typecheck', 'lint', 'format:check', 'boundaries'];

const commands = {
  async setup() {
    await prepare({ systemPackages: requirementsFor.setup, dashboard: true });
  },

  async start(args) {
    const { env, node } = await prepare({ systemPackages: requirementsFor.start, dashboard: true });
    return runEntryPoint(node, 'server/src/main.ts', args, env);
  },

  async test(args) {
    const { env } = await prepare({ systemPackages: requirementsFor.test, dashboard: true });
    await runStaticChecks(env);
    say('test', `vitest run ${args.join(' ')}`.trim());
    return run('npx', ['--no', '--', 'vitest', 'run', ...args], { cwd: root, env });
  },

  async check() {
    const { env } = await prepare({ systemPackages: [], dashboard: false });
    await runStaticChecks(env);
  },

  async simulate(args) {
    const { env, node } = await prepare({ systemPackages: [], dashboard: false });
    // The fleet process settings (simulators/src/fleet/fleet-process-settings.ts, docs/simulator.md "Scale"): a
    // small V8 young generation and one malloc arena, which only take effect when the process starts.
    return run(node, ['--max-semi-space-size=2', 'simulators/src/cli.ts', ...args], {
      cwd: root,
      env: { ...env, MALLOC_ARENA_MAX: '1' },
    });
  },

  async screenshots(args) {
    // influxd and chromium, as for the tests; the dashboard is rebuilt when its sources changed
    const { env, node } = await prepare({ systemPackages: requirementsFor.test, dashboard: true });
    return runEntryPoint(node, 'test/screenshots/take-screenshots.ts', args, env);
  },

  async bench(args) {
    // influxd for the platform and the storage baseline, mosquitto for the raw-broker baseline
    const { env, node } = await prepare({ systemPackages: requirementsFor.bench, dashboard: false });
    return runEntryPoint(node, 'test/bench/suite/run-bench.ts', args, env);
  },

  async 'bench-rules'(args) {
    const { env, node } = await prepare({ systemPackages: [], dashboard: false });
    return runEntryPoint(node, 'test/bench/rules-engine.bench.ts', args, env);
  },

  async 'bench-sim-scale'(args) {
    // influxd, as for the tests: the benchmark's second run is against the real platform
    const { env, node } = await prepare({ systemPackages: requirementsFor.test, dashboard: false });
    return runEntryPoint(node, 'test/bench/simulator-scale.bench.ts', args, env);
  },

  async 'bench-dashboard'(args) {
    // influxd and chromium, as for the tests; the dashboard is rebuilt when its sources changed
    const { env, node } = await prepare({ systemPackages: requirementsFor.test, dashboard: true });
    return runEntryPoint(node, 'test/bench/dashboard-render.bench.ts', args, env);
  },

  async 'bench-vitals'(args) {
    const { env, node } = await prepare({ systemPackages: requirementsFor.start, dashboard: false });
    return runEntryPoint(node, 'test/bench/vitals-history.bench.ts', args, env);
  },
};

/** Steps a–d in order; returns the environment (Node 24 first on PATH) for every later child process. */
async function prepare({ systemPackages, dashboard }) {
  const nodeBin = ensureNode24(root);
  const env = { ...process.env, PATH: `${nodeBin}${delimiter}${process.env.PATH ?? ''}` };
  await ensureSystemPackages(systemPackages);
  await ensureNpmDependencies(root, env);
  if (dashboard) await ensureDashboardBuild(root, env);
  return { env, node: join(nodeBin, 'node') };
}

async function runStaticChecks(env) {
  for (const script of staticChecks) {
    say('check', script);
    await runStep('npm', ['run', '-s', script], { cwd: root, env });
  }
}

function runEntryPoint(node, entryPoint, args, env) {
  if (!existsSync(join(root, entryPoint))) throw new SetupError(`${entryPoint} does not exist yet.`);
  return run(node, [entryPoint, ...args], { cwd: root, env });
}

async function main() {
  const [name = '', ...rest] = process.argv.slice(2);
  // `npm test -- server/` arrives as ['server/']; a literal `--` from direct use is dropped the same way.
  const args = rest[0] === '--' ? rest.slice(1) : rest;
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    console.error(`usage: node scripts/rpm.mjs <${Object.keys(commands).join('|')}> [-- args]`);
    return 2;
  }
  return (await command(args)) ?? 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[rpm] ${error.message}`);
  process.exitCode = error.exitCode || 1;
}
