// Why: `description` in _locales is for translators and the browser never reads it; dropping it takes about 8 KB off each store zip.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/** Rewrites the packaged copies of public/_locales without descriptions or indentation: room for the break page's own copy of preact. */
export function compactLocales(outDir: string): Plugin {
  return {
    name: 'unhunch:compact-locales',
    apply: 'build',
    writeBundle() {
      const localesDir = resolve(outDir, '_locales');
      for (const locale of readdirSync(localesDir)) {
        const path = resolve(localesDir, locale, 'messages.json');
        const messages = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { message: string; description?: string }>;
        for (const entry of Object.values(messages)) delete entry.description;
        writeFileSync(path, JSON.stringify(messages));
      }
    },
  };
}
