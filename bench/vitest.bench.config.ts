// `npm run bench` (via bench/run.mjs): the performance figures of issue 6, in real browsers, one at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/**/*.bench-run.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
