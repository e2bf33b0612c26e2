import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@postroute/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'benchmarks/test/**/*.test.ts', 'examples/test/**/*.test.ts'],
    testTimeout: 60_000,
    // Two test files at a time: most of the suite waits on the CLI's child processes, so on a
    // 2-core machine (vitest's default there is one worker) the second core was idle and .ci/run
    // neared its 15 minutes.
    maxWorkers: 2,
    hookTimeout: 120_000,
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
});
