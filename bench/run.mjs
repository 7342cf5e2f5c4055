#!/usr/bin/env node
// `npm run bench`: the full run (vitest, real browsers), into bench/results.json, then printed as a table.
// `npm run bench -- --quick`: a short Chromium-only run, into test-results/bench-quick.json.
// `npm run bench:smoke` (--smoke, the last step of `npm test`): every figure in both browsers with the fewest
// samples, into test-results/bench-smoke.json; vitest's report goes to test-results/bench.json for the suite's
// summary line. Only a full run writes the committed bench/results.json: a quick look must not rewrite it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const smoke = process.argv.includes('--smoke') || process.env.BENCH_MODE === 'smoke';
const quick = !smoke && (process.argv.includes('--quick') || process.env.BENCH_QUICK === '1');
const mode = smoke ? 'smoke' : quick ? 'quick' : 'full';
const resultsFile = path.resolve(root, process.env.BENCH_RESULTS ?? { smoke: 'test-results/bench-smoke.json', quick: 'test-results/bench-quick.json', full: 'bench/results.json' }[mode]);
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const report = smoke ? ['--reporter=default', '--reporter=json', `--outputFile.json=${path.join(root, 'test-results', 'bench.json')}`] : [];

// The bench measures whatever build it finds; one older than the sources would quietly measure old code.
const outDir = path.resolve(root, process.env.UNHUNCH_OUT_DIR ?? 'dist');
const builtAt = (target) => fs.statSync(path.join(outDir, target, 'manifest.json'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
const sources = ['manifest.json', 'vite.config.ts', 'build', 'src', 'public'].flatMap((entry) => {
  const full = path.join(root, entry);
  if (!fs.statSync(full).isDirectory()) return [full];
  return fs.readdirSync(full, { recursive: true }).map((name) => path.join(full, name));
});
const newest = sources.reduce((a, file) => { const ms = fs.statSync(file).mtimeMs; return ms > a.ms ? { file, ms } : a; }, { file: '', ms: 0 });
const stale = ['chrome', 'firefox'].filter((target) => builtAt(target) < newest.ms);
if (stale.length > 0) {
  const shownDir = path.relative(root, outDir).startsWith('..') ? outDir : path.relative(root, outDir);
  console.error(`bench: the build in ${shownDir}/{${stale.join(',')}} is missing or older than ${path.relative(root, newest.file)}.`);
  console.error(`Build first: ${process.env.UNHUNCH_OUT_DIR ? `UNHUNCH_OUT_DIR=${process.env.UNHUNCH_OUT_DIR} ` : ''}npm run build`);
  process.exit(1);
}

// A stale smoke report must not pass for this run's.
if (smoke) for (const file of [resultsFile, path.join(root, 'test-results', 'bench.json')]) fs.rmSync(file, { force: true });
const started = Date.now();
const run = spawnSync(process.execPath, [vitest, 'run', '--config', 'bench/vitest.bench.config.ts', ...report], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BENCH_MODE: mode, BENCH_QUICK: quick ? '1' : '0', BENCH_RESULTS: resultsFile, PUPPETEER_SKIP_DOWNLOAD: '1' },
});
const tookS = Math.round((Date.now() - started) / 1000);

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
console.log(`\nUnhunch bench ${mode === 'full' ? '' : `(${mode}) `}${results.date}, ${tookS} s`);
console.log(`${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB, load ${m.loadAverage.join(' ')}; ${m.platform}; node ${m.node}`);
console.log(`${results.browsers.chromium}; ${results.browsers.firefox}; extension from ${results.extensionDir}\n`);
console.log(row(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const l of lines) console.log(row(l));
for (const e of results.errors) console.log(`\nFAILED ${e.figure} (${e.browser}): ${e.message}`);
if (smoke) console.log('\nsmoke run: too few samples to mean anything; only shows every figure still runs');
console.log(`\nwritten to ${path.relative(root, resultsFile)}`);
// Timings are reported, not asserted: only a bench that could not run fails.
process.exit(run.status === 0 && results.errors.length === 0 ? 0 : 1);
