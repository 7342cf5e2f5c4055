// Unit tests: the pure core and the background shell (with a fake browser). Fast, no real browser.
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** In the build, crxjs turns `x?iife` into the file name of a bundled script; tests get a name too. */
const iifeAsFileName: Plugin = {
  name: 'unhunch:iife-as-file-name',
  enforce: 'pre',
  resolveId(id) {
    return id.endsWith('?iife') ? `\0iife:${id}` : null;
  },
  load(id) {
    if (!id.startsWith('\0iife:')) return null;
    const name = id.slice('\0iife:'.length).replace(/^.*\/src\//, 'src/').replace(/\.ts\?iife$/, '.js').replace(/\?iife$/, '.js');
    return `export default ${JSON.stringify(name)};`;
  },
};

export default defineConfig({
  plugins: [iifeAsFileName, preact()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
  },
});
