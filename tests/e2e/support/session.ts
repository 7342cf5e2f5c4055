// E2E support: one session interface over both harnesses (Chromium through Playwright, Firefox through Puppeteer), so a scenario that is the same in both browsers is written once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame as PlaywrightFrame, Page as PlaywrightPage } from 'playwright-core';
import type { Frame as PuppeteerFrame, Page as PuppeteerPage } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import * as chromium from './chromium';
import { CHROME_DIST, describeWithBrowser, FIREFOX_DIST, sleep, waitFor, type BreakAction, type Schedule } from './extension';
import * as firefox from './firefox';
import { BREAK_PAGE, POPUP_PAGE } from '../../../src/core/contracts/extension-paths';
import { DEV_OVERRIDES_KEY, HISTORY_KEY, SCHEDULE_KEY, SETTINGS_KEY } from '../../../src/core/contracts/storage-keys';

export type BrowserKind = 'chromium' | 'firefox';
export const BROWSER_KINDS: readonly BrowserKind[] = ['chromium', 'firefox'];

export interface SessionOptions {
  /**
   * The scenario needs the browser's idle API to follow input: Chromium then runs headed in its
   * private Xvfb (headless, it always says "active"); Firefox's idle service works headless.
   */
  realIdle?: boolean;
  /** Breaks may show over pages (the user granted `<all_urls>`); without it a break opens in its own window. */
  hostAccess?: boolean;
  /** The scenario restarts the browser (`restart`): the profile is kept until `close`. */
  restarts?: boolean;
  /**
   * Firefox suspends its event page this long after its last event (its default is 30 s). Chromium's
   * worker, with Playwright attached, never stops by itself: a scenario stops it with `stopBackground`.
   */
  backgroundIdleMs?: number;
}

/** The part of the extension API the scenarios use; in a session's extension page it is the global `browser` in both browsers. */
export interface ExtensionApi {
  storage: {
    local: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void>; remove(keys: string | string[]): Promise<void> };
    sync: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void>; remove(keys: string | string[]): Promise<void> };
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> };
  alarms: { getAll(): Promise<{ name: string; scheduledTime: number }[]> };
}

/** A page (or frame) of either library: what a scenario runs in it. */
export interface SessionPage {
  /** Runs `fn` in the page: it is serialised, so it sees its argument and the page's globals only. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
}

/** An extension page the scenario opened: `browser` there is the extension API (Chromium's `chrome` under the same name). */
export interface ExtensionPage extends SessionPage {
  close(): Promise<void>;
}

/** A web page in a tab of its own. */
export interface WebPage extends SessionPage {
  bringToFront(): Promise<void>;
  screenshot(file: string): Promise<void>;
}

/** A page showing the break: the overlay's frame in a tab, or the break window. */
export interface BreakPage extends SessionPage {
  readonly surface: 'overlay' | 'window';
  /** Clicks the button whose accessible name starts with `name`, once there is one (Chromium: a real click; Firefox: `click()` in the frame, which BiDi reaches only by evaluate). */
  clickButton(name: string, timeoutMs?: number): Promise<void>;
  /** The overlay's frame element's title (its name for screen readers); null for a window. */
  frameTitle(): Promise<string | null>;
}

/** When a `restart` closed the browser and launched it again. */
export interface Restart {
  closedAt: number;
  launchAt: number;
  launchedAt: number;
}

export interface ExtensionSession {
  readonly kind: BrowserKind;
  /** An extension page the session keeps open, to read storage and send messages from (a new one after a restart). */
  readonly control: SessionPage;
  openExtensionPage(path: string): Promise<ExtensionPage>;
  /** Opens `url` in a new tab (1000×700), the active one. */
  openWebPage(url: string): Promise<WebPage>;
  /** What storage.local holds under `key`, as the control page reads it. */
  readLocal<T>(key: string): Promise<T | undefined>;
  /** Sends `message` to the background as an extension page would. */
  send(message: unknown): Promise<unknown>;
  /** Every break page showing now. */
  breakPages(): Promise<BreakPage[]>;
  /** Answers the pending break from the page showing it, as its buttons would; then wait for what it does. */
  answerBreak(action: BreakAction): Promise<void>;
  /** Real user input now: the idle API counts from here. */
  userInput(): Promise<void>;
  /** Stops the background as the browser does when it is idle (Chromium: the service worker; Firefox: the event page); its next event starts it again. */
  stopBackground(): Promise<void>;
  backgroundRunning(): Promise<boolean>;
  /** Closes the browser, runs `whileClosed`, launches it again on the same profile (needs `restarts`). Web pages are gone; `control` is new. */
  restart(whileClosed: () => Promise<void>): Promise<Restart>;
  /** No break pending or showing, the settings and the test clock back to their defaults, no history: what the next test starts from. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export function browserLabel(kind: BrowserKind, options: SessionOptions = {}): string {
  if (kind === 'firefox') return 'Firefox';
  return options.realIdle ? 'Chromium (headed, Xvfb)' : 'Chromium';
}

export function sessionAvailable(kind: BrowserKind, options: SessionOptions = {}): boolean {
  return kind === 'firefox' ? firefox.firefoxAvailable() : chromium.chromiumAvailable({ headed: options.realIdle });
}

/** Asks a page that may be busy or going away, giving up after `ms`. */
const briefly = <T>(work: Promise<T>, fallback: T, ms = 500): Promise<T> =>
  Promise.race([work.catch(() => fallback), sleep(ms).then(() => fallback)]);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const WEB_PAGE_VIEWPORT = { width: 1000, height: 700 };
/** Chromium: a break window keeps Playwright's 1280×720 viewport unless told its real size (the window surface's). */
const BREAK_WINDOW_VIEWPORT = { width: 520, height: 680 };

function evaluateIn(target: PlaywrightPage | PlaywrightFrame | PuppeteerPage | PuppeteerFrame): SessionPage['evaluate'] {
  return (fn, arg) => (target.evaluate as (f: unknown, a: unknown) => Promise<never>)(fn, arg);
}

/** What each harness provides itself, for one launch of the browser; the rest is built on it, the same for both. */
type Harness = Omit<ExtensionSession, 'kind' | 'readLocal' | 'send' | 'restart' | 'reset'>;

async function launchChromiumHarness(options: SessionOptions, relaunch: boolean, profileDir: string | undefined): Promise<Harness & { profileDir: string }> {
  const session = await chromium.launchChromium({
    extensionDir: CHROME_DIST,
    headless: !options.realIdle,
    profileDir,
    keepProfile: options.restarts,
    grantOrigins: options.hostAccess ? ['<all_urls>'] : [],
  });
  const sized = new WeakSet<PlaywrightPage>();
  let moves = 0;
  const openExtensionPage = async (pagePath: string): Promise<ExtensionPage> => {
    const page = await session.openExtensionPage(pagePath);
    await page.evaluate(() => {
      const scope = globalThis as unknown as { browser?: unknown; chrome: unknown };
      scope.browser ??= scope.chrome;
    });
    return { evaluate: evaluateIn(page), close: () => page.close() };
  };
  try {
    if (relaunch && !session.restarted) throw new Error('Chromium installed the extension afresh instead of starting again with it');
    // A fresh install opens the welcome tab; a restart does not.
    if (!relaunch) await chromium.closeWelcomeTab(session);
    const control = await openExtensionPage(POPUP_PAGE);
    return {
      profileDir: session.profileDir,
      control,
      openExtensionPage,
      async openWebPage(url) {
        const page = await session.context.newPage();
        await page.setViewportSize(WEB_PAGE_VIEWPORT);
        await page.goto(url);
        await page.bringToFront();
        return {
          evaluate: evaluateIn(page),
          bringToFront: () => page.bringToFront(),
          screenshot: async (file) => void (await page.screenshot({ path: file })),
        };
      },
      async breakPages() {
        const pages = chromium.breakPages(session);
        for (const page of pages)
          if ('setViewportSize' in page && !sized.has(page)) {
            sized.add(page);
            await page.setViewportSize(BREAK_WINDOW_VIEWPORT).catch(() => undefined);
          }
        return pages.map((target) => ({
          surface: 'setViewportSize' in target ? 'window' : 'overlay',
          evaluate: evaluateIn(target),
          clickButton: (name, timeoutMs = 10_000) => target.getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}`) }).click({ timeout: timeoutMs }),
          frameTitle: async () => ('setViewportSize' in target ? null : (await target.frameElement()).getAttribute('title')),
        }));
      },
      answerBreak: (action) => chromium.answerBreak(session, action),
      // Headless Chromium's idle API always says "active": there the user is always just now at the keyboard.
      // Headed, only real X input counts; each move goes somewhere new, or X sees no motion.
      userInput: async () => {
        if (!options.realIdle) return;
        moves += 1;
        await session.xdotool('mousemove', String(100 + (moves % 2) * 200), String(100 + (moves % 2) * 150));
      },
      stopBackground: () => session.stopServiceWorker(),
      backgroundRunning: () => session.serviceWorkerRunning(),
      close: () => session.close(),
    };
  } catch (error) {
    await session.close();
    throw error;
  }
}

async function launchFirefoxHarness(options: SessionOptions, relaunch: boolean, profileDir: string | undefined): Promise<Harness> {
  const session = await firefox.launchFirefox({
    extensionDir: FIREFOX_DIST,
    profileDir,
    prefs: {
      // Without host access (as in Chromium without a grant) the break opens in its own window: Firefox is told not to
      // grant a temporary add-on its host permissions by default.
      ...(!options.hostAccess && { 'extensions.originControls.grantByDefault': false }),
      ...(options.backgroundIdleMs !== undefined && { 'extensions.background.idle.timeout': options.backgroundIdleMs }),
    },
  });
  const openExtensionPage = async (pagePath: string): Promise<ExtensionPage> => {
    const page = await session.openExtensionPage(pagePath);
    return { evaluate: evaluateIn(page), close: () => page.close() };
  };
  try {
    // Every install of the temporary add-on is a fresh one, on a kept profile too, which may open the welcome tab again.
    await firefox.closeWelcomeTab(session, relaunch ? { timeoutMs: 2_000, optional: true } : {});
    // Headless, Firefox counts idle time from its start: the session starts with the user at the keyboard.
    await session.setIdleTime(0);
    const popup = await session.openExtensionPage(POPUP_PAGE);
    const control: SessionPage = { evaluate: evaluateIn(popup) };
    const granted = () =>
      control.evaluate(() => (globalThis as unknown as { browser: { permissions: { contains(p: object): Promise<boolean> } } }).browser.permissions.contains({ origins: ['<all_urls>'] }));
    if (options.hostAccess && !(await granted())) {
      // As the user allows breaks over pages: a real click in the popup (a permission request needs a gesture).
      await popup.waitForSelector('#allow-overlay');
      await popup.click('#allow-overlay');
      await popup.waitForSelector('#allow-overlay', { hidden: true });
    }
    const breakPrefix = `${session.origin}/${BREAK_PAGE}`;
    return {
      control,
      openExtensionPage,
      async openWebPage(url) {
        const page = await session.newPage(url);
        await page.setViewport(WEB_PAGE_VIEWPORT);
        return {
          evaluate: evaluateIn(page),
          bringToFront: () => page.bringToFront(),
          screenshot: async (file) => void (await page.screenshot({ path: file as `${string}.png` })),
        };
      },
      async breakPages() {
        const found: BreakPage[] = [];
        const add = (target: PuppeteerPage | PuppeteerFrame, surface: BreakPage['surface']) =>
          found.push({
            surface,
            evaluate: evaluateIn(target),
            clickButton: (name, timeoutMs) => firefox.clickButton(target, name, timeoutMs),
            frameTitle: async () => {
              if (!('frameElement' in target)) return null;
              const element = await target.frameElement();
              return (await element?.evaluate((frame) => frame.getAttribute('title'))) ?? null;
            },
          });
        for (const page of await session.browser.pages()) {
          const url = await briefly(page.evaluate(() => location.href), '');
          if (url.startsWith(breakPrefix)) {
            if (url.includes('surface=window')) add(page, 'window');
            continue;
          }
          // BiDi reports moz-extension frames as about:blank: each frame is asked where it is.
          for (const frame of page.frames())
            if (frame !== page.mainFrame() && (await briefly(frame.evaluate(() => location.href), '')).startsWith(breakPrefix)) add(frame, 'overlay');
        }
        return found;
      },
      answerBreak: (action) => firefox.answerBreak(session, action),
      userInput: () => session.setIdleTime(0),
      async stopBackground() {
        await session.suspendBackground();
        const state = await session.backgroundState();
        if (state === 'running') throw new Error('the event page still runs after it was suspended');
      },
      backgroundRunning: async () => (await session.backgroundState()) === 'running',
      close: () => session.close(),
    };
  } catch (error) {
    await session.close();
    throw error;
  }
}

/** Launches `kind` on a fresh profile with the built extension; its welcome tab is closed, and an extension page is open as `control`. */
export async function launchSession(kind: BrowserKind, options: SessionOptions = {}): Promise<ExtensionSession> {
  // Chromium makes its own profile (and checks a fresh one is sound); Firefox needs one given to keep it.
  let profileDir = kind === 'firefox' && options.restarts ? fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-ff-profile-')) : undefined;
  const launch = async (relaunch: boolean): Promise<Harness> => {
    if (kind === 'firefox') return launchFirefoxHarness(options, relaunch, profileDir);
    const launched = await launchChromiumHarness(options, relaunch, profileDir);
    if (options.restarts) profileDir = launched.profileDir;
    return launched;
  };
  let harness: Harness | undefined = await launch(false);
  const current = (): Harness => {
    if (!harness) throw new Error(`the ${kind} session is closed`);
    return harness;
  };
  const readLocal = async <T>(key: string): Promise<T | undefined> =>
    (await current().control.evaluate(async (k) => (await (globalThis as unknown as { browser: ExtensionApi }).browser.storage.local.get(k))[k], key)) as T | undefined;
  const session: ExtensionSession = {
    kind,
    get control() {
      return current().control;
    },
    openExtensionPage: (pagePath) => current().openExtensionPage(pagePath),
    openWebPage: (url) => current().openWebPage(url),
    readLocal,
    send: (message) => current().control.evaluate((m) => (globalThis as unknown as { browser: ExtensionApi }).browser.runtime.sendMessage(m), message),
    breakPages: () => current().breakPages(),
    answerBreak: (action) => current().answerBreak(action),
    userInput: () => current().userInput(),
    stopBackground: () => current().stopBackground(),
    backgroundRunning: () => current().backgroundRunning(),
    async restart(whileClosed) {
      if (!options.restarts) throw new Error('restart needs a session launched with restarts: true');
      const closing = current();
      harness = undefined;
      const closedAt = Date.now();
      await closing.close();
      await whileClosed();
      const launchAt = Date.now();
      harness = await launch(true);
      return { closedAt, launchAt, launchedAt: Date.now() };
    },
    async reset() {
      const { control } = current();
      // The test clock goes first, so no break of a short cycle comes while the rest is put right.
      const changedAt = Date.now();
      const timingChanged = await control.evaluate(
        async ({ local, sync }) => {
          const { browser } = globalThis as unknown as { browser: ExtensionApi };
          const present = local in (await browser.storage.local.get(local)) || sync in (await browser.storage.sync.get(sync));
          await browser.storage.sync.remove(sync);
          await browser.storage.local.remove(local);
          return present;
        },
        { local: DEV_OVERRIDES_KEY, sync: SETTINGS_KEY },
      );
      // Removing what was not there changes nothing, and wakes nothing.
      if (timingChanged)
        await waitFor('the default timing to be stepped', async () => ((await readLocal<Schedule>(SCHEDULE_KEY))?.lastSeenAt ?? 0) >= changedAt);
      const schedule = await readLocal<Schedule>(SCHEDULE_KEY);
      if (schedule?.mode.kind === 'due') await session.answerBreak({ type: 'break:skip', breakId: schedule.mode.breakId });
      else if (schedule?.mode.kind === 'paused') await session.send({ type: 'resume' });
      // A break already answered may still show its Done screen.
      for (const page of await session.breakPages()) await page.clickButton('Close', 2_000).catch(() => undefined);
      await waitFor('no break page', async () => (await session.breakPages()).length === 0);
      await control.evaluate((key) => (globalThis as unknown as { browser: ExtensionApi }).browser.storage.local.remove(key), HISTORY_KEY);
      await session.userInput();
    },
    async close() {
      const closing = harness;
      harness = undefined;
      await closing?.close();
      if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
  return session;
}

/**
 * The same scenario in each browser: a `describe` per browser (skipped where it is missing, failed
 * under CI), each on its own session. After each test the session is reset (see `reset`), so a test
 * that failed leaves no break and no settings behind for the next. `body` gets the session of its
 * browser through a getter, as it exists only once `beforeAll` has run.
 */
export function describeInEachBrowser(
  title: string,
  options: SessionOptions,
  body: (session: () => ExtensionSession, kind: BrowserKind) => void,
): void {
  for (const kind of BROWSER_KINDS) {
    describeWithBrowser(`${browserLabel(kind, options)}: ${title}`, sessionAvailable(kind, options), () => {
      let session: ExtensionSession | undefined;
      beforeAll(async () => {
        session = await launchSession(kind, options);
      });
      afterEach(async () => {
        await session?.reset();
      });
      afterAll(async () => {
        await session?.close();
      });
      body(() => {
        if (!session) throw new Error(`no ${kind} session: its launch failed`);
        return session;
      }, kind);
    });
  }
}
