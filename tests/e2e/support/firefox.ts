// Launches headless Firefox ESR via puppeteer-core (WebDriver BiDi) with the built extension installed as a temporary add-on.
//
// Findings (Firefox ESR 153, puppeteer-core 24.43, verified with a probe MV3 event-page extension):
//  1. Event page + alarms: with `extensions.background.idle.timeout: 2000` the event page stops ~2 s after its
//     last activity (an open extension page does NOT keep it alive). An alarm whose `onAlarm` listener is
//     registered at top level restarts it and the listener runs (≈100-300 ms late); `when: Date.now() + 500`
//     and `delayInMinutes: 0.05` both work (no 30 s / 1 min minimum). Observe restarts with a top-level
//     `starts` counter in storage.local (or a random boot id), and/or `session.backgroundState()`
//     ('running' | 'stopped' ...). `session.suspendBackground()` stops it immediately (no waiting).
//     `runtime.onSuspend` fires, but storage writes from it are often lost — don't assert on them.
//     Storage writes from concurrent handlers race (read-modify-write of one key loses entries): log with
//     unique keys in probes.
//  2. Restart on the same profile: `await s.close(); s = await launchFirefox({ extensionDir, profileDir })`
//     (same profileDir, re-install) keeps storage.local (and storage.sync) and the fixed UUID. Observed even
//     without extra prefs; we also set `extensions.webextensions.keepStorageOnUninstall` when profileDir is
//     given. An in-session `browser.uninstallExtension()` + `installExtension()` DOES wipe storage unless
//     keepStorageOnUninstall is true, and drops the UUID unless `keepUuidOnUninstall` is true (set by
//     default here, otherwise moz-extension://FIXED_UUID/ stops loading after a reinstall). The caller owns
//     profileDir (puppeteer does not delete it); only one browser per profile at a time.
//  3. `scripting.executeScript({ target: { tabId }, files })` from an alarm-woken event page injects into the
//     active tab of a http://127.0.0.1 page (needs host permission; with
//     `extensions.originControls.grantByDefault: false` it fails with "Missing host permission for the tab").
//     A closed shadow root holding `<iframe src=moz-extension://UUID/page.html>` (web_accessible_resources)
//     loads fine. puppeteer lists it in `page.frames()` but `frame.url()` stays 'about:blank' (BiDi misses
//     the moz-extension navigation); `frame.evaluate`/`$eval`/`waitForSelector` work and see the real
//     document with `browser.*` available — use `waitForExtensionFrame()`. On /hostile
//     (`* { display: none !important }`) the iframe still loads and is reachable, but html/body are
//     display:none, so nothing renders at all (host rect 0x0).
//  4. `browser.idle.queryState(15)` returns 'active' for the first ~15 s after launch, then 'idle' forever:
//     headless has no OS idle source, idle time counts from startup, and puppeteer mouse/keyboard input
//     does NOT reset it. Use `session.setIdleTime(ms)` (nsIUserIdleServiceInternal.resetIdleTimeOut):
//     0 => 'active' (and fires onStateChanged 'active' if it was idle); >= 15000 => queryState 'idle', but
//     onStateChanged 'idle' only fires once 15 s of real time have passed. Minimum interval is 15 s.
//     Gotcha: with a top-level idle.onStateChanged listener, while idle Firefox re-delivers 'idle' after every
//     event-page suspend, waking it again (wake loop every idle timeout) — handlers must be idempotent.
//  5. launch + install: median 18 s (14.5/18.2/20.7 s) on the heavily loaded 2-core dev VM, ~9-10 s when
//     quieter. Of that: firefox to "BiDi listening" ~2.5 s, BiDi session.new ~4.5 s, installExtension
//     0.4-0.9 s; close ~2 s. Hence launch timeout 120 s: use vitest hookTimeout >= 120 s for beforeAll.
// Other: `page.goto('moz-extension://…')` is rejected ("not allowed in this context") without
// `--remote-allow-system-access`, and never resolves with it (no load event) — openExtensionPage() starts it
// and polls location.href/readyState. page.evaluate() on an extension page has the full browser.* API, but
// `permissions.request` there needs a user gesture: add a button and `page.click()` it (auto-granted because
// `extensions.webextOptionalPermissionPrompts` is false by default here; with it true the request just hangs
// on an unanswerable prompt).
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { sendFromBreakPage, type BreakAction } from './extension';
import { BREAK_PAGE as BREAK_PAGE_PATH, WELCOME_PAGE } from '../../../src/core/contracts/extension-paths';

export const FIREFOX_EXTENSION_ID = 'unhunch@unhunch.org';
/** Fixed via `extensions.webextensions.uuids`, so extension URLs are known in advance. */
export const FIREFOX_EXTENSION_UUID = '6f1f3c2e-5a4b-4c8d-9e7f-0a1b2c3d4e5f';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

export function firefoxBin(): string {
  return process.env.FIREFOX_BIN || '/usr/bin/firefox-esr';
}

/** True if a Firefox binary is present (FIREFOX_BIN or /usr/bin/firefox-esr); use with `describe.skipIf`. */
export function firefoxAvailable(): boolean {
  return existsSync(firefoxBin());
}

export interface LaunchFirefoxOptions {
  /** Unpacked extension directory (e.g. dist/firefox), installed as a temporary add-on. */
  extensionDir: string;
  /** Extra about:config prefs; override the defaults below. */
  prefs?: Record<string, unknown>;
  /** Persistent profile directory (caller creates/removes it) to test browser restarts. */
  profileDir?: string;
}

export interface FirefoxSession {
  browser: Browser;
  /** moz-extension://FIREFOX_EXTENSION_UUID */
  origin: string;
  /** Opens `${origin}/${path}` in a new tab and waits until it has loaded; page.evaluate there has `browser.*`. */
  openExtensionPage(path: string): Promise<Page>;
  /** Opens a (http) URL in a new tab and brings it to the front, so it is the active tab. */
  newPage(url: string): Promise<Page>;
  /** Evaluates an (async) JS expression in the privileged browser chrome window; result must be JSON-able. */
  chromeEval<T = unknown>(expression: string): Promise<T>;
  /** Event page state: 'running' | 'stopped' | 'starting' | 'suspending'. */
  backgroundState(): Promise<string>;
  /** Suspends the event page now, as the idle timeout would. */
  suspendBackground(): Promise<void>;
  /** Pretends the last user input was `ms` ago (0 = user active now); affects browser.idle. */
  setIdleTime(ms: number): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface BidiConnection {
  send(method: 'browsingContext.getTree', params: object): Promise<{ result: { contexts: { context: string }[] } }>;
  send(
    method: 'script.evaluate',
    params: object,
  ): Promise<{
    result:
      | { type: 'success'; result: { type: string; value?: unknown } }
      | { type: 'exception'; exceptionDetails: { text: string } };
  }>;
}

async function waitForUrl(page: Page, url: string, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const ok = await page
      .evaluate((u) => location.href === u && document.readyState === 'complete', url)
      .catch(() => false); // context not ready yet / navigating
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`timed out loading ${url}`);
    await sleep(50);
  }
}

/**
 * Finds a moz-extension:// iframe inside `page` (also inside closed shadow roots) whose URL starts with
 * `${FIREFOX_EXTENSION_ORIGIN}/${path}`, waiting until its document has loaded.
 */
export async function waitForExtensionFrame(page: Page, path = '', timeout = 10_000): Promise<Frame> {
  const prefix = `${FIREFOX_EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`;
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const ok = await frame
        .evaluate((p) => location.href.startsWith(p) && document.readyState === 'complete', prefix)
        .catch(() => false);
      if (ok) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no loaded frame ${prefix}* in ${page.url()}`);
    await sleep(100);
  }
}

/**
 * Evaluates an (async) JS expression in the privileged browser chrome window of a Firefox started
 * with `--remote-allow-system-access`; the result must be JSON-able.
 */
export function chromeEvalIn(browser: Browser): <T = unknown>(expression: string) => Promise<T> {
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  return async <T>(expression: string): Promise<T> => {
    const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
    const context = tree.result.contexts[0]?.context;
    if (!context) throw new Error('chromeEval: no chrome window');
    const { result } = await connection.send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (${expression})))()`,
      target: { context },
      awaitPromise: true,
    });
    if (result.type === 'exception') throw new Error(`chromeEval: ${result.exceptionDetails.text}`);
    const value = result.result;
    return (value.type === 'string' ? JSON.parse(value.value as string) : undefined) as T;
  };
}

export async function launchFirefox(opts: LaunchFirefoxOptions): Promise<FirefoxSession> {
  process.env.PUPPETEER_SKIP_DOWNLOAD = '1';
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxBin(),
    headless: true,
    timeout: 120_000,
    dumpio: !!process.env.FIREFOX_DUMPIO,
    // Needed to navigate tabs to moz-extension:// URLs and for chromeEval().
    args: ['--remote-allow-system-access'],
    userDataDir: opts.profileDir,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_EXTENSION_ID]: FIREFOX_EXTENSION_UUID }),
      'extensions.webextensions.keepUuidOnUninstall': true,
      ...(opts.profileDir ? { 'extensions.webextensions.keepStorageOnUninstall': true } : {}),
      'extensions.webextOptionalPermissionPrompts': false,
      ...opts.prefs,
    },
  });
  const close = async () => {
    const proc = browser.process();
    await Promise.race([browser.close().catch(() => {}), sleep(15_000)]);
    if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  };
  try {
    const id = await browser.installExtension(opts.extensionDir);
    if (id !== FIREFOX_EXTENSION_ID) throw new Error(`installed ${id}, expected ${FIREFOX_EXTENSION_ID}`);
  } catch (e) {
    await close();
    throw e;
  }

  const chromeEval = chromeEvalIn(browser);
  const extension = `WebExtensionPolicy.getByID(${JSON.stringify(FIREFOX_EXTENSION_ID)}).extension`;
  const idleService = 'Cc["@mozilla.org/widget/useridleservice;1"].getService(Ci.nsIUserIdleServiceInternal)';

  const newPage = async (url: string) => {
    const page = await browser.newPage();
    if (url.startsWith('moz-extension:')) {
      // Never resolves for moz-extension:// (no BiDi load event); poll instead.
      page.goto(url).catch(() => {});
      await waitForUrl(page, new URL(url).href, 30_000);
    } else {
      await page.goto(url);
    }
    await page.bringToFront();
    return page;
  };

  return {
    browser,
    origin: FIREFOX_EXTENSION_ORIGIN,
    newPage,
    openExtensionPage: (path) => newPage(`${FIREFOX_EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`),
    chromeEval,
    backgroundState: () => chromeEval<string>(`${extension}.backgroundState`),
    suspendBackground: () => chromeEval<void>(`${extension}.terminateBackground().then(() => {})`),
    setIdleTime: (ms) => chromeEval<void>(`${idleService}.resetIdleTimeOut(${Math.max(0, Math.round(ms))})`),
    close,
  };
}

/** The loaded tab showing `${origin}/${path}`, if there is one. */
export async function findExtensionTab(session: FirefoxSession, path: string): Promise<Page | null> {
  const url = `${session.origin}/${path.replace(/^\//, '')}`;
  for (const page of await session.browser.pages()) {
    const here = await page.evaluate(() => [location.href, document.readyState]).catch(() => null);
    if (here?.[0] === url && here[1] === 'complete') return page;
  }
  return null;
}

/**
 * A fresh install (and so every temporary re-install) opens the welcome tab; tests that need
 * their own page active close it. Throws if it never shows, unless `optional`; says whether it did.
 */
export async function closeWelcomeTab(session: FirefoxSession, { timeoutMs = 20_000, optional = false } = {}): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const welcome = await findExtensionTab(session, WELCOME_PAGE);
    if (welcome) {
      await welcome.close();
      return true;
    }
    if (Date.now() > deadline) {
      if (optional) return false;
      throw new Error(`no welcome tab within ${timeoutMs} ms`);
    }
    await sleep(100);
  }
}

/** Clicks the button whose text starts with `label`, once it exists (extension frames are reached by evaluate). */
export async function clickButton(frame: Frame | Page, label: string, timeoutMs = 10_000): Promise<void> {
  await frame.waitForFunction(
    (text) => [...document.querySelectorAll('button')].some((b) => b.textContent?.startsWith(text)),
    { timeout: timeoutMs },
    label,
  );
  await frame.evaluate((text) => {
    [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith(text))!.click();
  }, label);
}

/**
 * Answers the pending break from the page showing it (an overlay frame in any tab, or the break
 * window), as its buttons would; then wait for what it does. BiDi reports moz-extension frames as
 * about:blank, so every frame is tried; one that is not a break page has no token and sends nothing.
 */
export async function answerBreak(session: FirefoxSession, action: BreakAction): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    // A page busy in a long script would hold up an evaluate: each is asked briefly.
    const briefly = <T>(work: Promise<T>, fallback: T) => Promise.race([work.catch(() => fallback), sleep(500).then(() => fallback)]);
    for (const page of await session.browser.pages()) {
      const url = await briefly(page.evaluate(() => location.href), '');
      const targets = url.includes(BREAK_PAGE_PATH) ? [page] : page.frames().filter((frame) => frame !== page.mainFrame());
      for (const target of targets) if (await briefly(target.evaluate(sendFromBreakPage, action), false)) return;
    }
    if (Date.now() > deadline) throw new Error(`no break page to send ${action.type} for break ${action.breakId} from`);
    await sleep(100);
  }
}
