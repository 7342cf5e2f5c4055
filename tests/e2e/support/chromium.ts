// E2E support: runs the unpacked Chrome build (dist/chrome) in Debian Chromium via Playwright, with service-worker stop/restart over CDP and an optional private Xvfb for headed (chrome.idle) tests.
//
// Verified with Chromium 156 + playwright-core 1.65 (see the report for the experiments):
// - context.browser() is NOT null for launchPersistentContext, so browser-level CDP (newBrowserCDPSession) works.
// - Target.closeTarget on the service_worker target stops the worker like the idle timeout does: globals are gone,
//   storage stays, the next extension event (alarm, runtime message, ...) starts a fresh one. The target id stays the
//   same, and Playwright keeps the SAME Worker object (no new 'serviceworker' event); while it is stopped the target
//   is missing from Target.getTargets and worker.evaluate() just waits (it does not wake the worker).
// - With Playwright attached the worker is never stopped by Chromium itself (checked: still the same after 45 s idle).
// - chrome.idle is always "active" headless; headed under Xvfb it reports 'idle' and xdotool input flips it back.
// - Optional host permissions are not granted for unpacked extensions, and permissions.request() needs a gesture and then
//   waits on a dialog the test can't click in headless mode. `grantOrigins` writes the grant into the profile's Preferences
//   before launch (Linux Chromium does not enforce the pref MACs). Revoke from the worker with chrome.permissions.remove().
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
  /** chrome-extension://<id> */
  origin: string;
  profileDir: string;
  /** X display of the headed browser (":N"), for xdotool; undefined when headless. */
  display?: string;
  /** The extension's service worker once it is running; waits while it is stopped (trigger an event to wake it). */
  worker(timeoutMs?: number): Promise<Worker>;
  serviceWorkerRunning(): Promise<boolean>;
  /** Stops the worker via CDP Target.closeTarget; resolves once the target is gone. */
  stopServiceWorker(): Promise<void>;
  openExtensionPage(pagePath: string): Promise<Page>;
  /** Runs xdotool on this session's display (e.g. 'mousemove', '10', '10'); needs headless: false. */
  xdotool(...args: string[]): Promise<void>;
  /** Closes the browser (and Xvfb if we started it) and deletes the profile unless keepProfile. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  extensionDir: string;
  headless?: boolean;
  /** Reuse a profile (restart tests); pass keepProfile: true to the first session. */
  profileDir?: string;
  keepProfile?: boolean;
  /** Origins to grant as if the user accepted permissions.request(), e.g. ['<all_urls>']. */
  grantOrigins?: string[];
  args?: string[];
}

export function chromiumAvailable(): boolean {
  try {
    fs.accessSync(CHROMIUM_PATH, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Chromium's id for an unpacked extension without a manifest "key": sha256(real path) mapped to a-p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(fs.realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isExtensionWorker = (w: Worker) => w.url().startsWith('chrome-extension://');
type ChromeApi = { permissions: { contains(p: { origins: string[] }): Promise<boolean> } };

/** Adds origins to the extension's granted + active permissions in Default/Preferences (browser must be closed).
 *  On a fresh profile Chromium treats the entry as already installed only if newAllowFileAccess is present. */
function seedGrants(profileDir: string, id: string, origins: string[]): void {
  const file = path.join(profileDir, 'Default', 'Preferences');
  const prefs = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const entry = (((prefs.extensions ??= {}).settings ??= {})[id] ??= {});
  for (const key of ['granted_permissions', 'active_permissions']) {
    const set = (entry[key] ??= { api: [], explicit_host: [], manifest_permissions: [], scriptable_host: [] });
    set.explicit_host = [...new Set([...(set.explicit_host ?? []), ...origins])];
  }
  entry.newAllowFileAccess ??= true;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(prefs));
}

/** Starts `Xvfb -displayfd` (picks a free display, reports when ready). */
async function startXvfb(): Promise<{ display: string; proc: ChildProcess }> {
  const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    (proc.stdio[3] as NodeJS.ReadableStream).on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(':' + out.trim());
    });
    proc.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${stderr}`)));
    proc.once('error', reject);
  });
  return { display, proc };
}

export async function launchChromium(opts: LaunchOptions): Promise<ChromiumSession> {
  const extDir = fs.realpathSync(opts.extensionDir);
  const headless = opts.headless ?? true;
  const profileDir = opts.profileDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-cr-profile-'));
  // Chromium leaves org.chromium.Chromium.* socket dirs in TMPDIR; give it a scratch one.
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-cr-tmp-'));
  const xvfb = !headless && !process.env.DISPLAY ? await startXvfb() : undefined;
  const display = headless ? undefined : (xvfb?.display ?? process.env.DISPLAY);
  const env: Record<string, string> = { ...(process.env as Record<string, string>), TMPDIR: tmpDir };
  if (display) env.DISPLAY = display;

  const launch = () =>
    chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless,
      env,
      timeout: 30_000,
      // Playwright's own defaults already add --no-sandbox, --disable-sync, --disable-background-networking,
      // --disable-component-update, --no-first-run and --disable-extensions (overridden by the -except switch).
      args: [`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`, '--disable-gpu', ...(opts.args ?? [])],
    });

  let context: BrowserContext | undefined;
  let id: string;
  try {
    if (opts.grantOrigins?.length) seedGrants(profileDir, unpackedExtensionId(extDir), opts.grantOrigins);
    context = await launch();
    const first =
      context.serviceWorkers().find(isExtensionWorker) ??
      (await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 15_000 }));
    id = new URL(first.url()).host;
    if (opts.grantOrigins?.length) {
      const granted = await first.evaluate(
        (origins) => (globalThis as unknown as { chrome: ChromeApi }).chrome.permissions.contains({ origins }),
        opts.grantOrigins,
      );
      if (!granted) throw new Error(`could not pre-grant ${opts.grantOrigins.join(', ')} to ${id}`);
    }
  } catch (e) {
    await context?.close().catch(() => {});
    xvfb?.proc.kill();
    fs.rmSync(tmpDir, { recursive: true, force: true });
    throw e;
  }
  const ctx = context;
  const origin = `chrome-extension://${id}`;
  const findWorker = () => ctx.serviceWorkers().find((w) => w.url().startsWith(origin + '/'));

  let cdp: CDPSession | undefined;
  const swTargets = async () => {
    cdp ??= await ctx.browser()!.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    return targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(origin + '/'));
  };
  const until = async (what: string, cond: () => Promise<boolean>, timeoutMs: number) => {
    for (const end = Date.now() + timeoutMs; !(await cond()); await sleep(25))
      if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
  };

  return {
    context: ctx,
    extensionId: id,
    origin,
    profileDir,
    display,
    async worker(timeoutMs = 10_000) {
      await until('the service worker to run', async () => (await swTargets()).length > 0, timeoutMs);
      return findWorker() ?? (await ctx.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(origin + '/') }));
    },
    async serviceWorkerRunning() {
      return (await swTargets()).length > 0;
    },
    async stopServiceWorker() {
      for (const t of await swTargets()) await cdp!.send('Target.closeTarget', { targetId: t.targetId });
      await until('the service worker to stop', async () => (await swTargets()).length === 0, 10_000);
    },
    async openExtensionPage(pagePath) {
      const page = await ctx.newPage();
      await page.goto(`${origin}/${pagePath.replace(/^\//, '')}`);
      return page;
    },
    xdotool(...args) {
      if (!display) return Promise.reject(new Error('xdotool needs a headed session'));
      return new Promise((resolve, reject) =>
        execFile('xdotool', args, { env: { ...process.env, DISPLAY: display } }, (err) => (err ? reject(err) : resolve())),
      );
    },
    async close() {
      await ctx.close().catch(() => {});
      if (xvfb) {
        const exited = new Promise((r) => xvfb.proc.once('exit', r));
        xvfb.proc.kill();
        await exited;
      }
      fs.rmSync(tmpDir, { recursive: true, force: true });
      if (!opts.keepProfile) fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
