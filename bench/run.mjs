#!/usr/bin/env node
// `npm run bench [-- --quick]`: runs the bench (vitest, real browsers), then prints bench/results.json as a table.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const resultsFile = path.resolve(root, process.env.BENCH_RESULTS ?? 'bench/results.json');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');

const run = spawnSync(process.execPath, [vitest, 'run', '--config', 'bench/vitest.bench.config.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BENCH_QUICK: quick ? '1' : '0', BENCH_RESULTS: resultsFile, PUPPETEER_SKIP_DOWNLOAD: '1' },
});

if (!fs.existsSync(resultsFile)) {
  console.error(`bench: no ${resultsFile} was written`);
  process.exit(run.status || 1);
}
const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
const fmt = (v) => (v === undefined || v === null || Number.isNaN(v) ? '—' : String(v));
const lines = results.rows.map((r) => [
  r.figure,
  r.browser,
  r.metric,
  r.summary ? `${fmt(r.summary.p50)} / ${fmt(r.summary.p95)} (n=${r.summary.n})` : fmt(r.value),
  r.unit,
  r.goal ?? '',
  r.meetsGoal === undefined ? '' : r.meetsGoal ? 'ok' : 'MISSED',
  r.note ?? '',
]);
const header = ['figure', 'browser', 'metric', 'value (p50 / p95)', 'unit', 'goal', '', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
const row = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
const m = results.machine;
console.log(`\nUnhunch bench ${results.quick ? '(quick) ' : ''}${results.date}`);
console.log(`${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB, load ${m.loadAverage.join(' ')}; ${m.platform}; node ${m.node}`);
console.log(`${results.browsers.chromium}; ${results.browsers.firefox}; extension from ${results.extensionDir}\n`);
console.log(row(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const l of lines) console.log(row(l));
for (const e of results.errors) console.log(`\nFAILED ${e.figure} (${e.browser}): ${e.message}`);
console.log(`\nwritten to ${path.relative(root, resultsFile)}`);
// Timings are reported, not asserted: only a bench that could not run fails.
process.exit(run.status === 0 && results.errors.length === 0 ? 0 : 1);
