// End-to-end tests: the built extension (dist/) in real Chromium and Firefox, one browser at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    // Two cores: browsers side by side would only make each other's timings flaky.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'test-results/e2e.json' }]],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
  },
});
