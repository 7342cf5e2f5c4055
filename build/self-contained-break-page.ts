// Why: the break page's first paint is timed against an alarm, and shared chunks would make it load ten scripts and two stylesheets first.
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import type { Plugin, Rollup } from 'vite';
import { BREAK_PAGE } from '../src/core/contracts/extension-paths.ts';
import { buildApart, dropChunksOnlyLoadedBy, ROOT } from './build-apart.ts';

const BREAK_PAGE_ENTRY = resolve(ROOT, 'src/pages/break/main.tsx');

/**
 * Like the worker, the break page is rebuilt on its own: one script for the prompt (the later screens stay a lazy
 * chunk of that build) and one stylesheet. The shared build's break chunks are then named by
 * nothing and removed.
 */
export function selfContainedBreakPage(): Plugin {
  return {
    name: 'unhunch:self-contained-break-page',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const html = bundle[BREAK_PAGE];
      const entry = Object.values(bundle).find((file): file is Rollup.OutputChunk => file.type === 'chunk' && file.isEntry && file.moduleIds.includes(BREAK_PAGE_ENTRY));
      if (html?.type !== 'asset' || !entry) this.error(`no ${BREAK_PAGE} or no chunk for ${BREAK_PAGE_ENTRY}`);
      const outputs = await buildApart(
        BREAK_PAGE_ENTRY,
        [preact()],
        {
          output: {
            format: 'es',
            entryFileNames: 'assets/break-page-[hash].js',
            chunkFileNames: 'assets/break-page-[name]-[hash].js',
            assetFileNames: 'assets/break-page-[hash][extname]',
          },
        },
        // Every style the page can show, in one stylesheet that is there before the first paint.
        { cssCodeSplit: false },
      );
      const scripts = outputs.filter((file): file is Rollup.OutputChunk => file.type === 'chunk' && file.isEntry);
      const styles = outputs.filter((file): file is Rollup.OutputAsset => file.type === 'asset' && file.fileName.endsWith('.css'));
      if (scripts.length !== 1 || styles.length !== 1) this.error(`the break page did not build into one script and one stylesheet: ${outputs.map((f) => f.fileName).join(', ')}`);

      dropChunksOnlyLoadedBy(bundle, entry);
      for (const file of outputs) {
        this.emitFile({ type: 'asset', fileName: file.fileName, source: file.type === 'chunk' ? file.code : file.source });
      }
      const tags = `<script type="module" crossorigin src="/${scripts[0]!.fileName}"></script>\n    <link rel="stylesheet" crossorigin href="/${styles[0]!.fileName}">`;
      html.source = String(html.source)
        .replace(/\s*<script type="module"[^>]*><\/script>/g, '')
        .replace(/\s*<link rel="(?:modulepreload|stylesheet)"[^>]*>/g, '')
        .replace(/\s*<\/head>/, `\n    ${tags}\n  </head>`);
    },
  };
}
