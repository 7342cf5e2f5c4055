// Unit tests: the pure core and the background shell (with a fake browser). Fast, no real browser.
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [preact()],
  // platform/browser.ts imports the polyfill, which loads only in an extension: the fake browser instead.
  resolve: { alias: { 'webextension-polyfill': resolve(import.meta.dirname, 'tests/support/polyfill-in-node.ts') } },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Property tests take a few seconds on a quiet machine and several times that beside other work
    // (CI on a busy 2-core machine): the default 5 s would fail them for the load, not for a rule.
    testTimeout: 30_000,
    // A test's stubbed globals (the background as an event page: document, localStorage) end with it.
    unstubGlobals: true,
    reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
  },
});
