import { defineConfig } from 'vitest/config';

/** Never collect tests from installed, built or local-only folders. */
const excluded = ['**/node_modules/**', '**/dist/**', '.tools/**', '.data/**', '**/coverage/**'];
const integrationFiles = ['**/*.int.test.ts', 'test/**/*.e2e.test.ts'];

// Two projects (`vitest run --project unit`, `--project integration`): tests are named by kind
// (x.test.ts, x.int.test.ts, test/**/x.e2e.test.ts, STYLE.md) and the kind decides how they run.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: [...excluded, '**/*.int.test.ts', '**/*.e2e.test.ts'],
          // Fast feedback first: unit files run as group 0, integration files only after them as group 1.
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: integrationFiles,
          exclude: excluded,
          // These start real influxd, MQTT brokers and Chromium; cold starts on a 2-core machine are slow.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // At most two such files at once, so two cores are not asked to run four influxd and two browsers.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
