// Why: `scripting.executeScript({ files })` runs a classic script, so the overlay is built on its own as one self-contained IIFE.
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
      const outputs = await buildApart(OVERLAY_ENTRY, [], { output: { format: 'iife', codeSplitting: false } });
      this.emitFile({ type: 'asset', fileName: OVERLAY_SCRIPT, source: onlyChunk(outputs, 'the overlay script').code });
    },
  };
}
