// Prints one closing line for the whole suite from the vitest JSON reports: "tests: N passed, N failed, N skipped".
// The parts: unit tests, end-to-end tests, and the bench's smoke run (every figure measured once, in both browsers).
import fs from 'node:fs';

const PARTS = [
  ['unit', 'test-results/unit.json'],
  ['e2e', 'test-results/e2e.json'],
  ['bench smoke', 'test-results/bench.json'],
];

let passed = 0;
let failed = 0;
let skipped = 0;
const counts = [];
for (const [part, file] of PARTS) {
  if (!fs.existsSync(file)) {
    console.error(`${file} is missing: that part of the suite (${part}) did not run.`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  counts.push(`${part} ${report.numPassedTests}/${report.numTotalTests}`);
}
console.log(`passed by part: ${counts.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
