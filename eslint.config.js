// @ts-check
// One lint for the whole repository (STYLE.md habit 9): typescript-eslint strict with type information.
// Each workspace is type-checked with its own tsconfig: the project service finds the nearest tsconfig.json
// (root tsconfig.json for the Node workspaces, dashboard/tsconfig.json for the browser app with JSX and DOM).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Command-line programs, where writing to the console is the job. */
const cliFiles = ['scripts/**', 'simulators/src/cli*.ts', 'server/src/main.ts', 'test/**'];
const testFiles = ['**/*.test.ts', '**/*.test.tsx', 'test/**'];

export default defineConfig(
  globalIgnores(['**/node_modules/', '**/dist/', '.tools/', '.data/', '**/coverage/', 'test-results/', '.bench/']),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The three rules STYLE.md names, stated explicitly so a preset change cannot drop them.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      'no-console': 'error',

      // Relaxations where strictTypeChecked is noisy for no safety gain:
      // numbers in messages (`port ${port}`) are the common, harmless case; objects and undefined stay banned.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `onClick={() => setOpen(true)}` and `.then(() => done())` return void on purpose.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Fastify plugins (`async (app) => { app.get(…) }`) and port implementations are async by contract
      // without awaiting anything; no-floating-promises and no-misused-promises cover the real hazards.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks a parameter an interface requires but this implementation ignores.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['dashboard/src/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Plain JavaScript (this file, scripts/*.mjs, .dependency-cruiser.cjs) and the dashboard's build config
    // are outside every tsconfig; lint them without type information.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', 'dashboard/*.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: testFiles,
    rules: {
      // With noUncheckedIndexedAccess, `rows[0]!` is the readable way to say "the test expects a row";
      // a wrong guess fails the test, which is the point.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `expect(store.save).toHaveBeenCalled()` passes methods of mocks unbound by design.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: cliFiles,
    rules: { 'no-console': 'off' },
  },
);
