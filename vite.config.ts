// Builds one browser's package from the root manifest.json: `vite build --mode chrome|firefox`.
// What the build does beyond crxjs lives in build/, one plugin a file, each saying why it exists.
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { compactLocales } from './build/compact-locales.ts';
import { manifestFor, type Target } from './build/manifest.ts';
import { overlayScript } from './build/overlay-script.ts';
import { selfContainedBreakPage } from './build/self-contained-break-page.ts';
import { selfContainedWorker } from './build/self-contained-worker.ts';
import { BREAK_PAGE, WELCOME_PAGE } from './src/core/contracts/extension-paths.ts';

export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  // UNHUNCH_OUT_DIR lets parallel work build elsewhere; `dist/chrome` and `dist/firefox` are the contract.
  const outDir = resolve(process.env.UNHUNCH_OUT_DIR ?? resolve(import.meta.dirname, 'dist'), target);
  return {
    plugins: [
      preact(),
      crx({ manifest: manifestFor(target), browser: target }),
      selfContainedBreakPage(),
      overlayScript(),
      compactLocales(),
      selfContainedWorker(),
    ],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      // Every wake-up of the worker parses its whole script, and the break page's first paint waits for its own.
      minify: true,
      sourcemap: false,
      rollupOptions: {
        // Pages not named in the manifest must be listed or crxjs copies them raw.
        input: {
          break: resolve(import.meta.dirname, BREAK_PAGE),
          welcome: resolve(import.meta.dirname, WELCOME_PAGE),
        },
      },
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  };
});
