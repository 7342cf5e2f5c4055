// Why: `description` in _locales is for translators and the browser never reads it; dropping it takes about 8 KB off each store zip.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * The packaged copies of public/_locales, without descriptions or indentation: room for the break
 * page's own copy of preact. Emitted into the bundle over vite's raw copies, so the build log lists
 * them at the size written, and a watch build rebuilds when one changes.
 */
export function compactLocales(): Plugin {
  let localesDir = '';
  return {
    name: 'unhunch:compact-locales',
    apply: 'build',
    configResolved(config) {
      localesDir = resolve(config.publicDir, '_locales');
    },
    generateBundle() {
      for (const locale of readdirSync(localesDir)) {
        const path = resolve(localesDir, locale, 'messages.json');
        this.addWatchFile(path);
        const messages = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { message: string; description?: string }>;
        for (const entry of Object.values(messages)) delete entry.description;
        this.emitFile({ type: 'asset', fileName: `_locales/${locale}/messages.json`, source: JSON.stringify(messages) });
      }
    },
  };
}
