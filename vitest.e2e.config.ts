// End-to-end tests: the built extension (dist/) in real Chromium and Firefox, two files (two browsers) at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    // Two files at a time, each with its own browser (and its own Xvfb where headed): most of a
    // test's time is waiting on the extension's clock, not computing, so two share two cores.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'test-results/e2e.json' }]],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
  },
});
