// Why: crxjs makes the scripts it builds for content scripts web-accessible to all web pages; only what the manifest itself lists may be.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import rootManifest from '../manifest.json' with { type: 'json' };

/** A guard: the overlay script is built apart, and nothing needs exposure for `scripting.executeScript`. */
export function keepOnlyDeclaredWebAccessibleResources(outDir: string): Plugin {
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
