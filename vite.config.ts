// Builds one browser's package from the root manifest.json: `vite build --mode chrome|firefox`.
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, defineConfig, type Plugin, type PluginOption, type Rollup } from 'vite';
import rootManifest from './manifest.json' with { type: 'json' };
import { BREAK_PAGE, OVERLAY_SCRIPT, WELCOME_PAGE } from './src/core/contracts/extension-paths.ts';

type Target = 'chrome' | 'firefox';

/** The root manifest carries both browsers' keys; each package gets only its own. */
function manifestFor(target: Target): ManifestV3Export {
  const { browser_specific_settings, background, minimum_chrome_version, ...common } = structuredClone(rootManifest);
  if (target === 'chrome') {
    // 116: the first Chrome whose idle and notifications APIs return promises (the worker has no polyfill).
    // Dynamic URLs: a web page can neither frame nor fetch the break page by its fixed URL, so it
    // can't tell the extension is installed. (Firefox's URLs are random per install already.)
    const web_accessible_resources = common.web_accessible_resources.map((entry) => ({ ...entry, use_dynamic_url: true }));
    return { ...common, web_accessible_resources, minimum_chrome_version, background } as ManifestV3Export;
  }
  return {
    ...common,
    // Firefox runs MV3 backgrounds as event pages, not service workers.
    background: { scripts: [background.service_worker], type: background.type },
    browser_specific_settings,
  } as unknown as ManifestV3Export;
}

/**
 * crxjs makes the scripts it builds for content-script use web-accessible to all web pages; only
 * what the manifest itself lists may be (a guard: the overlay script is built apart, and nothing
 * needs exposure for `scripting.executeScript`).
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

const ROOT = import.meta.dirname;
const WORKER_ENTRY = resolve(ROOT, 'src/background/index.ts');

/**
 * Rollup shares chunks between the worker and the pages, and a shared chunk keeps every export
 * any entry uses, so the worker would load page-only code (and pay for chunk imports). The
 * worker's entry chunk is therefore rebuilt on its own, tree-shaken for the worker alone, with
 * no imports; the pages keep the shared chunks. File names and the manifest do not change.
 */
function selfContainedWorker(outDir: string): Plugin {
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
      const chunks = outputs.filter((file): file is Rollup.OutputChunk => file.type === 'chunk');
      if (chunks.length !== 1) this.error(`the worker did not build into one file: ${chunks.map((c) => c.fileName).join(', ')}`);
      workerCode = chunks[0]!.code;
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

const OVERLAY_ENTRY = resolve(ROOT, 'src/content/overlay.ts');

/**
 * The overlay script is injected with `scripting.executeScript({ files })`, which runs a classic
 * script: it is built on its own as one self-contained IIFE, at the path the worker names
 * (core/contracts/extension-paths.ts). Nothing imports it, so no page or worker chunk carries its code, and
 * it is not web-accessible.
 */
function overlayScript(): Plugin {
  return {
    name: 'unhunch:overlay-script',
    apply: 'build',
    async generateBundle() {
      const outputs = await buildApart(OVERLAY_ENTRY, [], { output: { format: 'iife', codeSplitting: false } });
      const chunks = outputs.filter((file): file is Rollup.OutputChunk => file.type === 'chunk');
      if (chunks.length !== 1) this.error(`the overlay script did not build into one file: ${chunks.map((c) => c.fileName).join(', ')}`);
      this.emitFile({ type: 'asset', fileName: OVERLAY_SCRIPT, source: chunks[0]!.code });
    },
  };
}

/** Builds one entry apart from the shared build, in memory, minified like it; returns its files. */
async function buildApart(
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

const BREAK_PAGE_HTML = BREAK_PAGE;
const BREAK_PAGE_ENTRY = resolve(ROOT, 'src/pages/break/main.tsx');

/**
 * The break page is the one page whose first paint is timed against an alarm: shared chunks
 * would make it fetch and link ten scripts and two stylesheets before the prompt shows. Like the
 * worker, it is rebuilt on its own: one script for the prompt (the later screens stay a lazy
 * chunk of that build) and one stylesheet. The shared build's break chunks are then named by
 * nothing and removed.
 */
function selfContainedBreakPage(): Plugin {
  return {
    name: 'unhunch:self-contained-break-page',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const html = bundle[BREAK_PAGE_HTML];
      const entry = Object.values(bundle).find((file): file is Rollup.OutputChunk => file.type === 'chunk' && file.isEntry && file.moduleIds.includes(BREAK_PAGE_ENTRY));
      if (html?.type !== 'asset' || !entry) this.error(`no ${BREAK_PAGE_HTML} or no chunk for ${BREAK_PAGE_ENTRY}`);
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

      removeChunksOnlyReachableFrom(bundle, entry);
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

/** Drops `entry`'s chunks (and their stylesheets) that no other entry of the shared build loads. */
function removeChunksOnlyReachableFrom(bundle: Rollup.OutputBundle, entry: Rollup.OutputChunk): void {
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
  const dropped = [...reach([entry])].filter((name) => !kept.has(name));
  const keptCss = new Set([...kept].flatMap((name) => [...(chunks.get(name)!.viteMetadata?.importedCss ?? [])]));
  for (const name of dropped) {
    for (const css of chunks.get(name)!.viteMetadata?.importedCss ?? []) if (!keptCss.has(css)) delete bundle[css];
    delete bundle[name];
  }
}

/**
 * `description` in _locales is for translators; the browser never reads it. The packaged copies
 * drop it (and the indentation), which takes about 8 KB off each store zip: room for the break
 * page's own copy of preact.
 */
function compactLocales(outDir: string): Plugin {
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

export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  // UNHUNCH_OUT_DIR lets parallel work build elsewhere; `dist/chrome` and `dist/firefox` are the contract.
  const outDir = resolve(process.env.UNHUNCH_OUT_DIR ?? resolve(import.meta.dirname, 'dist'), target);
  return {
    plugins: [
      preact(),
      crx({ manifest: manifestFor(target), browser: target }),
      keepOnlyDeclaredWebAccessibleResources(outDir),
      selfContainedBreakPage(),
      overlayScript(),
      compactLocales(outDir),
      selfContainedWorker(outDir),
    ],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      // Every wake-up of the worker parses its whole script, and the break page's first paint waits for its own.
      minify: true,
      sourcemap: false,
      rollupOptions: {
        // Pages not named in the manifest must be listed or crxjs copies them raw.
        input: {
          break: resolve(import.meta.dirname, BREAK_PAGE),
          welcome: resolve(import.meta.dirname, WELCOME_PAGE),
        },
      },
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  };
});
