// Import boundaries of ARCHITECTURE.md §2, checked in CI by `npm run boundaries` (part of `npm test`).
// Workspace packages (`@rpm/contracts`, …) are symlinks in node_modules/@rpm; dependency-cruiser follows
// the symlink, so `import … from '@rpm/contracts'` and `'../../contracts/src/ids.ts'` both resolve to a
// path under contracts/ and the rules below match on that path either way.
const workspaces = ['contracts', 'device-gateway', 'server', 'dashboard', 'simulators', 'test'];
/** Paths in every workspace except the given ones. */
const workspacesExcept = (...allowed) => `^(${workspaces.filter((name) => !allowed.includes(name)).join('|')})/`;

const testFile = '\\.test\\.tsx?$';
/** Tests beside the code (x.test.ts, x.int.test.ts) may also use vitest and the shared harness in test/harness/. */
const testOnlyImports = ['^node_modules/vitest/', '^node_modules/@vitest/', '^test/harness/'];

/** The composition root: the only server files that may wire in the gateway and the demo fleet. */
const compositionRoot = '^server/src/(main\\.ts$|platform/)';

/** One boundary as two rules: for the code, and for the tests beside it (which may add testOnlyImports). */
function boundary(name, comment, { from, fromNot = [], to, toNot = [] }) {
  return [
    { name, comment, severity: 'error', from: { path: from, pathNot: [testFile, ...fromNot] }, to: { path: to, pathNot: toNot } },
    {
      name: `${name}-in-tests`,
      comment: `${comment} Tests may also import vitest and test/harness/.`,
      severity: 'error',
      from: { path: `${from}.*${testFile}`, pathNot: fromNot },
      to: { path: to, pathNot: [...toNot, ...testOnlyImports] },
    },
  ];
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...boundary('contracts-only-zod', 'contracts/ is bundled by the dashboard too: it imports zod and itself, nothing else.', {
      from: '^contracts/',
      to: '.',
      toNot: ['^contracts/', '^node_modules/zod/'],
    }),
    {
      name: 'contracts-no-node-builtins',
      comment: 'contracts/ must run in the browser: no node: modules.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { dependencyTypes: ['core'] },
    },
    ...boundary('gateway-only-contracts', 'device-gateway/ may import contracts/, never server/, dashboard/, simulators/ or test/.', {
      from: '^device-gateway/',
      to: workspacesExcept('device-gateway', 'contracts'),
    }),
    ...boundary(
      'server-only-contracts',
      'server/ may import contracts/; only the composition root (server/src/main.ts, server/src/platform/) wires in the gateway and simulators.',
      { from: '^server/', fromNot: [compositionRoot], to: workspacesExcept('server', 'contracts') },
    ),
    {
      name: 'server-composition-root',
      comment: 'Even the composition root never imports the dashboard sources or the test harness.',
      severity: 'error',
      from: { path: compositionRoot },
      to: { path: workspacesExcept('server', 'contracts', 'device-gateway', 'simulators') },
    },
    ...boundary('dashboard-only-contracts', 'dashboard/ is a browser app: contracts/ and browser libraries only.', {
      from: '^dashboard/',
      to: workspacesExcept('dashboard', 'contracts'),
    }),
    {
      name: 'dashboard-no-node-builtins',
      comment: 'dashboard/src runs in the browser: no node: modules.',
      severity: 'error',
      from: { path: '^dashboard/src/', pathNot: testFile },
      to: { dependencyTypes: ['core'] },
    },
    ...boundary('simulators-only-contracts', 'A simulator is a device: it speaks the wire contract, never imports the gateway or server.', {
      from: '^simulators/',
      to: workspacesExcept('simulators', 'contracts'),
    }),
    {
      name: 'no-circular',
      comment: 'Cycles make start-up order and test doubles fragile; extract the shared part instead.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a typo, a missing file or an uninstalled package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-undeclared-packages',
      comment: "Every npm package a workspace imports must be in that workspace's (or the root) package.json.",
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    // Record imports of npm packages (the rules above need their paths) but do not cruise inside them.
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.tools|\\.data|coverage)/' },
    // Count `import type` too: a type-only import still couples the two sides of a boundary.
    tsPreCompilationDeps: true,
    // Workspaces declare their own dependencies; the root package.json holds the shared dev tools.
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
