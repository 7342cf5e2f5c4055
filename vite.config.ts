// Builds one browser's package from the root manifest.json: `vite build --mode chrome|firefox`.
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import rootManifest from './manifest.json' with { type: 'json' };

type Target = 'chrome' | 'firefox';

/** The root manifest carries both browsers' keys; each package gets only its own. */
function manifestFor(target: Target): ManifestV3Export {
  const { browser_specific_settings, background, ...common } = structuredClone(rootManifest);
  if (target === 'chrome') {
    return { ...common, background } as ManifestV3Export;
  }
  return {
    ...common,
    // Firefox runs MV3 backgrounds as event pages, not service workers.
    background: { scripts: [background.service_worker], type: background.type },
    browser_specific_settings,
  } as unknown as ManifestV3Export;
}

/**
 * crxjs exposes every script imported with `?iife` to all web pages. `scripting.executeScript`
 * needs no such exposure, so only what the manifest itself lists stays web-accessible.
 */
function keepOnlyDeclaredWebAccessibleResources(outDir: string): Plugin {
  const declared = new Set(rootManifest.web_accessible_resources.flatMap((entry) => entry.resources));
  return {
    name: 'unhunch:web-accessible-resources',
    apply: 'build',
    enforce: 'post',
    writeBundle() {
      const path = resolve(outDir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as { web_accessible_resources?: { resources: string[] }[] };
      manifest.web_accessible_resources = (manifest.web_accessible_resources ?? [])
        .map((entry) => ({ ...entry, resources: entry.resources.filter((r) => declared.has(r)) }))
        .filter((entry) => entry.resources.length > 0);
      writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}

export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  // UNHUNCH_OUT_DIR lets parallel work build elsewhere; `dist/chrome` and `dist/firefox` are the contract.
  const outDir = resolve(process.env.UNHUNCH_OUT_DIR ?? resolve(import.meta.dirname, 'dist'), target);
  return {
    plugins: [
      preact(),
      crx({ manifest: manifestFor(target), browser: target }),
      keepOnlyDeclaredWebAccessibleResources(outDir),
    ],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      // Readable stack traces in bug reports matter more than a few KB here.
      minify: true,
      sourcemap: false,
      rollupOptions: {
        // Pages not named in the manifest must be listed or crxjs copies them raw.
        input: {
          break: resolve(import.meta.dirname, 'src/pages/break/index.html'),
          welcome: resolve(import.meta.dirname, 'src/pages/welcome/index.html'),
        },
      },
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  };
});
