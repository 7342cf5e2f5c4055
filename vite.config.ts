// Builds one browser's package from the root manifest.json: `vite build --mode chrome|firefox`
// (`npm run dev` adds --watch). What the build does beyond crxjs lives in build/, a plugin a file.
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
  return {
    plugins: [preact(), crx({ manifest: manifestFor(target), browser: target }), selfContainedBreakPage(), overlayScript(), compactLocales(), selfContainedWorker()],
    build: {
      // UNHUNCH_OUT_DIR lets parallel work build elsewhere; `dist/chrome` and `dist/firefox` are the contract.
      outDir: resolve(process.env.UNHUNCH_OUT_DIR ?? resolve(import.meta.dirname, 'dist'), target),
      emptyOutDir: true,
      target: 'es2022',
      // Pages not named in the manifest must be listed or crxjs copies them raw.
      rollupOptions: { input: { break: BREAK_PAGE, welcome: WELCOME_PAGE } },
    },
  };
});
