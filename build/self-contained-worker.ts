// Why: a shared chunk keeps every export any entry uses, so the worker would parse page-only code at every wake-up.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin, Rollup } from 'vite';
import { buildApart, onlyChunk, ROOT } from './build-apart.ts';

const WORKER_ENTRY = resolve(ROOT, 'src/background/index.ts');

/**
 * Rollup shares chunks between the worker and the pages (and the worker pays for chunk imports).
 * The worker's entry chunk is therefore rebuilt on its own, tree-shaken for the worker alone, with
 * no imports; the pages keep the shared chunks. File names and the manifest do not change.
 */
export function selfContainedWorker(outDir: string): Plugin {
  let workerFileName: string | undefined;
  let workerCode: string | undefined;
  return {
    name: 'unhunch:self-contained-worker',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const chunk = Object.values(bundle).find((file): file is Rollup.OutputChunk => file.type === 'chunk' && file.facadeModuleId === WORKER_ENTRY);
      if (!chunk) this.error(`no chunk for ${WORKER_ENTRY}`);
      workerFileName = chunk.fileName;
      const outputs = await buildApart(WORKER_ENTRY, [], { output: { format: 'es', codeSplitting: false } });
      workerCode = onlyChunk(outputs, 'the worker').code;
    },
    writeBundle() {
      if (!workerFileName || workerCode === undefined) return;
      // The worker names the scripts it injects (core/contracts/extension-paths.ts) as strings.
      for (const [, path] of workerCode.matchAll(/["'`](src\/[\w/-]+\.js)["'`]/g)) {
        if (!existsSync(resolve(outDir, path!))) throw new Error(`the worker names ${path} but the build has no such file`);
      }
      writeFileSync(resolve(outDir, workerFileName), workerCode);
      removeUnreferencedScripts(outDir);
    },
  };
}

/**
 * The shared build's worker chunk named crxjs's copy of the overlay script; the rebuilt worker
 * names its own. A script in assets/ that no page, script or manifest names is never loaded, and
 * would only weigh on the store zip.
 */
function removeUnreferencedScripts(outDir: string): void {
  const files = readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && /\.(js|html|json)$/.test(f.name))
    .map((f) => ({ path: join(f.parentPath, f.name), name: f.name }));
  const texts = new Map(files.map((f) => [f.path, readFileSync(f.path, 'utf8')]));
  for (const file of files.filter((f) => f.path.startsWith(join(outDir, 'assets')) && f.name.endsWith('.js'))) {
    const named = [...texts].some(([path, text]) => path !== file.path && text.includes(file.name));
    if (!named) rmSync(file.path);
  }
}
