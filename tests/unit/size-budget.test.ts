// Size budgets of the built packages (issue 6): the worker's script graph stays near its 30 KB (goal < 15 KB); each store zip stays
// under a base for the product plus an allowance per shipped language (issue 19 item 6; the figures in tests/support/sizes.ts).
//
// Reads what `npm run build` left in dist/ (or UNHUNCH_OUT_DIR); builds nothing itself. Sizes are
// exact: the worker is service-worker-loader.js plus every chunk it statically imports, transitively
// (what the browser must fetch and evaluate to start it); the zip is produced by `web-ext build`,
// the same command `npm run zip` runs, into a temporary folder, and its file size is measured.
// Without a build, a developer's run skips with a message; CI (CI set) fails instead.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  baseZipBytes,
  shippedLocales,
  storeZipBytes,
  WORKER_BUDGET_BYTES,
  workerGraph,
  ZIP_BASE_BUDGET_BYTES,
  ZIP_PER_LOCALE_BYTES,
  zipBudgetBytes,
} from '../support/sizes';

const OUT_DIR = path.resolve(process.env.UNHUNCH_OUT_DIR ?? 'dist');
const TARGETS = ['chrome', 'firefox'] as const;
const built = TARGETS.every((target) => fs.existsSync(path.join(OUT_DIR, target, 'manifest.json')));

if (!built && process.env.CI) {
  throw new Error(`size budget: ${OUT_DIR}/{chrome,firefox} is not built; CI must run \`npm run build\` before the unit tests.`);
}
if (!built) {
  console.warn(`\n!!! SKIPPING size budgets: ${OUT_DIR}/{chrome,firefox} is not built (run \`npm run build\`) !!!\n`);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe.skipIf(!built)('size budget of the built packages', () => {
  for (const target of TARGETS) {
    const distDir = path.join(OUT_DIR, target);

    it(`${target}: the worker (loader + statically imported chunks) stays under ${kb(WORKER_BUDGET_BYTES)}`, () => {
      const graph = workerGraph(distDir);
      const breakdown = graph.files.map((f) => `${f.path} ${f.bytes} B`).join(', ');
      expect(graph.bytes, `worker script graph is ${kb(graph.bytes)}: ${breakdown}`).toBeLessThan(WORKER_BUDGET_BYTES);
    });

    it(`${target}: the product, zipped with en alone, stays under ${kb(ZIP_BASE_BUDGET_BYTES)}`, { timeout: 60_000 }, () => {
      const bytes = baseZipBytes(distDir);
      expect(bytes, `the zip with only en is ${kb(bytes)}`).toBeLessThan(ZIP_BASE_BUDGET_BYTES);
    });

    it(`${target}: the store zip (web-ext build) stays under the base plus ${kb(ZIP_PER_LOCALE_BYTES)} per other locale`, { timeout: 60_000 }, () => {
      const locales = shippedLocales(distDir);
      const budget = zipBudgetBytes(locales);
      const bytes = storeZipBytes(distDir);
      expect(bytes, `store zip is ${kb(bytes)} with ${locales.length} locales (${locales.join(', ')}); budget ${kb(budget)}`).toBeLessThan(budget);
    });
  }
});
