// Right-to-left readiness (issue 19 item 5): the stylesheets say start and end, never left and
// right, so a page under dir="rtl" mirrors its layout by itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));

/** Physical properties and values, with the logical one to use instead. */
const PHYSICAL: [RegExp, string][] = [
  [/(?<![-\w])(margin|padding|border)-(left|right)(?![-\w])/, '$1-inline-start / $1-inline-end'],
  [/(?<![-\w])border-(top|bottom)-(left|right)-radius/, 'border-start-start-radius and the like'],
  [/(?<![-\w])(left|right)\s*:/, 'inset-inline-start / inset-inline-end'],
  [/(?<![-\w])(text-align|float|clear)\s*:\s*(left|right)/, '$1: start / end (float: inline-start)'],
];

describe('stylesheets', () => {
  it('use logical properties (start/end), not left/right', () => {
    const problems: string[] = [];
    for (const file of walk(join(ROOT, 'src')).filter((path) => path.endsWith('.css'))) {
      readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
        .split('\n')
        .forEach((line, index) => {
          for (const [pattern, instead] of PHYSICAL) {
            const m = pattern.exec(line);
            if (m) problems.push(`${relative(ROOT, file)}:${index + 1}: "${line.trim()}" — use ${m[0].replace(pattern, instead)}`);
          }
        });
    }
    expect(problems).toEqual([]);
  });
});
