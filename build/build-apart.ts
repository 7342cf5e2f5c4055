// Builds one entry apart from the shared build, in memory (the worker, the break page and the overlay script each need their own), and drops what only that entry loaded.
import { resolve } from 'node:path';
import { build, type PluginOption, type Rollup } from 'vite';

/** The project root: the apart builds resolve their entries and imports from it. */
export const ROOT = resolve(import.meta.dirname, '..');

/** Builds `input` on its own, minified like the shared build; returns its files without writing them. */
export async function buildApart(
  input: string,
  plugins: PluginOption[],
  rollupOptions: { output: Rollup.OutputOptions },
  options: { cssCodeSplit?: boolean } = {},
): Promise<(Rollup.OutputChunk | Rollup.OutputAsset)[]> {
  const result = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    plugins,
    build: { write: false, target: 'es2022', minify: true, sourcemap: false, modulePreload: false, ...options, rollupOptions: { input, ...rollupOptions } },
  });
  return (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
}

/** The one script `outputs` builds into; `what` names the entry in the error when there are more. */
export function onlyChunk(outputs: (Rollup.OutputChunk | Rollup.OutputAsset)[], what: string): Rollup.OutputChunk {
  const chunks = outputs.filter((file): file is Rollup.OutputChunk => file.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`${what} did not build into one file: ${chunks.map((c) => c.fileName).join(', ')}`);
  return chunks[0]!;
}

/**
 * Drops the chunks (and their stylesheets) that `entry` loads and no other entry of the shared
 * build does: `entry` too, unless `keepEntry` (its file stays, with code built apart).
 */
export function dropChunksOnlyLoadedBy(bundle: Rollup.OutputBundle, entry: Rollup.OutputChunk, { keepEntry = false } = {}): void {
  const chunks = new Map(Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? [[file.fileName, file] as const] : [])));
  const reach = (roots: Rollup.OutputChunk[]): Set<string> => {
    const seen = new Set<string>();
    const queue = [...roots];
    for (let chunk = queue.pop(); chunk; chunk = queue.pop()) {
      if (seen.has(chunk.fileName)) continue;
      seen.add(chunk.fileName);
      for (const name of [...chunk.imports, ...chunk.dynamicImports]) if (chunks.has(name)) queue.push(chunks.get(name)!);
    }
    return seen;
  };
  const kept = reach([...chunks.values()].filter((chunk) => chunk.isEntry && chunk !== entry));
  if (keepEntry) kept.add(entry.fileName);
  const dropped = [...reach([entry])].filter((name) => !kept.has(name));
  const keptCss = new Set([...kept].flatMap((name) => [...(chunks.get(name)!.viteMetadata?.importedCss ?? [])]));
  for (const name of dropped) {
    for (const css of chunks.get(name)!.viteMetadata?.importedCss ?? []) if (!keptCss.has(css)) delete bundle[css];
    delete bundle[name];
  }
}
