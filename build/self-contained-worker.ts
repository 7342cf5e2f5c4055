// Why: a shared chunk keeps every export any entry uses, so the worker would parse page-only code at every wake-up.
import { resolve } from 'node:path';
import type { Plugin, Rollup } from 'vite';
import { buildApart, dropChunksOnlyLoadedBy, onlyChunk, ROOT } from './build-apart.ts';

const WORKER_ENTRY = resolve(ROOT, 'src/background/index.ts');

/**
 * Rollup shares chunks between the worker and the pages (and the worker pays for chunk imports).
 * The worker's entry chunk is therefore rebuilt on its own, tree-shaken for the worker alone, with
 * no imports; the pages keep the shared chunks. File names and the manifest do not change. It is
 * replaced in the bundle, before anything is written, so the build log reports the file written.
 */
export function selfContainedWorker(): Plugin {
  return {
    name: 'unhunch:self-contained-worker',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const chunk = Object.values(bundle).find((file): file is Rollup.OutputChunk => file.type === 'chunk' && file.facadeModuleId === WORKER_ENTRY);
      if (!chunk) this.error(`no chunk for ${WORKER_ENTRY}`);
      const outputs = await buildApart(WORKER_ENTRY, [], { output: { format: 'es', codeSplitting: false } });
      chunk.code = onlyChunk(outputs, 'the worker').code;
      // The worker names the scripts it injects (core/contracts/extension-paths.ts) as strings.
      for (const [, path] of chunk.code.matchAll(/["'`](src\/[\w/-]+\.js)["'`]/g)) {
        if (!bundle[path!]) this.error(`the worker names ${path} but the build has no such file`);
      }
      // The shared chunks only the worker imported are now named by nothing.
      dropChunksOnlyLoadedBy(bundle, chunk, { keepEntry: true });
      chunk.imports = [];
      chunk.dynamicImports = [];
    },
  };
}
