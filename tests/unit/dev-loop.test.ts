// The contributor loop (issue 17): `npm run dev` and `npm run dev:firefox` package the extension the store build does,
// so a break shows over the page there too: the overlay script is in the package and named by the worker, and only what
// the manifest lists is web-accessible (by dynamic URL in Chrome). Each command is started into a folder of its own,
// checked once its first build is written, and stopped.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestFor, type Target } from '../../build/manifest';
import { OVERLAY_SCRIPT } from '../../src/core/contracts/extension-paths';
import { workerGraph } from '../support/sizes';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** A build takes a few seconds; a loaded 2-core machine may take many times that. The wait ends on the build's report. */
const FIRST_BUILD_TIMEOUT_MS = 90_000;

type ManifestRules = { web_accessible_resources?: { resources: string[]; matches?: string[]; use_dynamic_url?: boolean }[] };

/**
 * Runs `npm run <script>` with its output in `outDir`, waits until the watch build reports its first build written
 * (vite prints "built in" after the files are on disk), runs `check` while the watcher still runs, then stops the
 * watcher's whole process group.
 */
async function withFirstWatchBuild(script: string, outDir: string, check: () => void): Promise<void> {
  const child = spawn('npm', ['run', script], {
    cwd: ROOT,
    env: { ...process.env, UNHUNCH_OUT_DIR: outDir, FORCE_COLOR: '0', NO_COLOR: '1' },
    // Its own process group: npm, the shell and vite are stopped together.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`\`npm run ${script}\` wrote no build in ${FIRST_BUILD_TIMEOUT_MS} ms:\n${output}`)), FIRST_BUILD_TIMEOUT_MS);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Build failed|^error/im.test(output)) settle(new Error(`\`npm run ${script}\` failed to build:\n${output}`));
        else if (/built in \d+ms/.test(output)) settle();
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      void exited.then((code) => settle(new Error(`\`npm run ${script}\` exited (${code}) instead of watching:\n${output}`)));
    });
    expect(child.exitCode, `\`npm run ${script}\` stopped after its first build instead of watching`).toBeNull();
    check();
  } finally {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}

function checkPackage(target: Target, packageDir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'manifest.json'), 'utf8')) as ManifestRules;
  const storeManifest = manifestFor(target) as ManifestRules;
  expect(manifest.web_accessible_resources, 'web_accessible_resources differ from what the store build packages (build/manifest.ts)').toEqual(
    storeManifest.web_accessible_resources,
  );
  if (target === 'chrome') {
    expect(
      manifest.web_accessible_resources?.every((entry) => entry.use_dynamic_url === true),
      'a web page could find the extension by a fixed URL',
    ).toBe(true);
  }
  for (const resource of manifest.web_accessible_resources?.flatMap((entry) => entry.resources) ?? []) {
    expect(fs.existsSync(path.join(packageDir, resource)), `web-accessible ${resource} is not in the package`).toBe(true);
  }

  expect(fs.existsSync(path.join(packageDir, OVERLAY_SCRIPT)), `no ${OVERLAY_SCRIPT}: every break would open in its own window`).toBe(true);
  const workerFiles = workerGraph(packageDir).files.map((file) => file.path);
  const workerNamesOverlay = workerFiles.some((file) => fs.readFileSync(path.join(packageDir, file), 'utf8').includes(OVERLAY_SCRIPT));
  expect(workerNamesOverlay, `the worker (${workerFiles.join(', ')}) does not name ${OVERLAY_SCRIPT}`).toBe(true);
}

describe('the contributor loop: the dev commands package what the store build does', () => {
  const cases = [
    { script: 'dev', target: 'chrome' },
    { script: 'dev:firefox', target: 'firefox' },
  ] as const;
  for (const { script, target } of cases) {
    it(
      `npm run ${script}: dist/${target} has the overlay script the worker injects, and the store build's web-accessible rules`,
      { timeout: FIRST_BUILD_TIMEOUT_MS + 30_000 },
      async () => {
        const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-dev-loop-'));
        try {
          await withFirstWatchBuild(script, outDir, () => checkPackage(target, path.join(outDir, target)));
        } finally {
          fs.rmSync(outDir, { recursive: true, force: true });
        }
      },
    );
  }
});
