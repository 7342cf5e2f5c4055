// End-to-end tests: the built extension (dist/) in real Chromium and Firefox, three files (three browsers) at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    // Three files at a time, each with its own browser (and its own Xvfb where headed): most of a
    // test's time is waiting on the extension's clock, not computing, so three share two cores.
    // Measured on this 2-core machine: one at a time 786 s, two 446 s, three 298 s (320 s beside
    // two busy loops), all green.
    fileParallelism: true,
    maxWorkers: 3,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'test-results/e2e.json' }]],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
  },
});
