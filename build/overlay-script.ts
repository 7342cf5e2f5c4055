// Why: `scripting.executeScript({ files })` runs a classic script, so the overlay is built on its own as one self-contained IIFE.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { OVERLAY_SCRIPT } from '../src/core/contracts/extension-paths.ts';
import { buildApart, onlyChunk, ROOT } from './build-apart.ts';

const OVERLAY_ENTRY = resolve(ROOT, 'src/content/overlay.ts');

/**
 * Emits the overlay script at the path the worker names (core/contracts/extension-paths.ts).
 * Nothing imports it, so no page or worker chunk carries its code, and it is not web-accessible.
 */
export function overlayScript(): Plugin {
  return {
    name: 'unhunch:overlay-script',
    apply: 'build',
    async generateBundle() {
      const chunk = onlyChunk(await buildApart(OVERLAY_ENTRY, [], { output: { format: 'iife', codeSplitting: false } }), 'the overlay script');
      this.emitFile({ type: 'asset', fileName: OVERLAY_SCRIPT, source: chunk.code });
      // Its sources are in no module graph of the shared build: a watch build (`npm run dev`) must still see them change.
      for (const id of chunk.moduleIds) if (existsSync(id)) this.addWatchFile(id);
    },
  };
}
