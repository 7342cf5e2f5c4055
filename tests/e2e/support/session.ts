// E2E support: one session interface over both harnesses (Chromium through Playwright, Firefox through Puppeteer), so a scenario that is the same in both browsers is written once.
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
}

/** The part of the extension API the scenarios use; in a session's extension page it is the global `browser` in both browsers. */
export interface ExtensionApi {
  storage: {
    local: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void>; remove(keys: string | string[]): Promise<void> };
    sync: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void>; remove(keys: string | string[]): Promise<void> };
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> };
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

/** A page showing the break: the overlay's frame in a tab, or the break window. */
export interface BreakPage extends SessionPage {
  /** Clicks the button whose accessible name starts with `name`, once there is one (Chromium: a real click; Firefox: `click()` in the frame, which BiDi reaches only by evaluate). */
  clickButton(name: string, timeoutMs?: number): Promise<void>;
}

export interface ExtensionSession {
  readonly kind: BrowserKind;
  /** An extension page the session keeps open, to read storage and send messages from. */
  readonly control: SessionPage;
  openExtensionPage(path: string): Promise<ExtensionPage>;
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

function playwrightPage(target: PlaywrightPage | PlaywrightFrame): SessionPage {
  return { evaluate: (fn, arg) => target.evaluate(fn as never, arg) as never };
}

function puppeteerPage(target: PuppeteerPage | PuppeteerFrame): SessionPage {
  return { evaluate: (fn, arg) => target.evaluate(fn as never, arg) as never };
}

/** Chromium: a break window keeps Playwright's 1280×720 viewport unless told its real size (the window surface's). */
const BREAK_WINDOW_VIEWPORT = { width: 520, height: 680 };

/** What each harness provides itself; the rest is built on it, the same for both. */
type HarnessSession = Omit<ExtensionSession, 'readLocal' | 'send' | 'reset'>;

async function launchChromiumSession(options: SessionOptions): Promise<HarnessSession> {
  const session = await chromium.launchChromium({ extensionDir: CHROME_DIST, headless: !options.realIdle });
  const sized = new WeakSet<PlaywrightPage>();
  let moves = 0;
  const openExtensionPage = async (path: string): Promise<ExtensionPage> => {
    const page = await session.openExtensionPage(path);
    await page.evaluate(() => {
      const scope = globalThis as unknown as { browser?: unknown; chrome: unknown };
      scope.browser ??= scope.chrome;
    });
    return { ...playwrightPage(page), close: () => page.close() };
  };
  try {
    await chromium.closeWelcomeTab(session);
    const control = await openExtensionPage(POPUP_PAGE);
    return {
      kind: 'chromium',
      control,
      openExtensionPage,
      async breakPages() {
        const pages = chromium.breakPages(session);
        for (const page of pages)
          if ('setViewportSize' in page && !sized.has(page)) {
            sized.add(page);
            await page.setViewportSize(BREAK_WINDOW_VIEWPORT).catch(() => undefined);
          }
        return pages.map((target) => ({
          ...playwrightPage(target),
          clickButton: (name, timeoutMs = 10_000) => target.getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}`) }).click({ timeout: timeoutMs }),
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
      close: () => session.close(),
    };
  } catch (error) {
    await session.close();
    throw error;
  }
}

async function launchFirefoxSession(): Promise<HarnessSession> {
  // As in Chromium without a grant: no host access, so the break opens in its own window.
  const session = await firefox.launchFirefox({ extensionDir: FIREFOX_DIST, prefs: { 'extensions.originControls.grantByDefault': false } });
  const openExtensionPage = async (path: string): Promise<ExtensionPage> => {
    const page = await session.openExtensionPage(path);
    return { ...puppeteerPage(page), close: () => page.close() };
  };
  try {
    await firefox.closeWelcomeTab(session);
    // Headless, Firefox counts idle time from its start: the session starts with the user at the keyboard.
    await session.setIdleTime(0);
    const control = await openExtensionPage(POPUP_PAGE);
    const breakPrefix = `${session.origin}/${BREAK_PAGE}`;
    return {
      kind: 'firefox',
      control,
      openExtensionPage,
      async breakPages() {
        const found: (PuppeteerPage | PuppeteerFrame)[] = [];
        for (const page of await session.browser.pages()) {
          const url = await briefly(page.evaluate(() => location.href), '');
          if (url.startsWith(breakPrefix)) {
            if (url.includes('surface=window')) found.push(page);
            continue;
          }
          // BiDi reports moz-extension frames as about:blank: each frame is asked where it is.
          for (const frame of page.frames())
            if (frame !== page.mainFrame() && (await briefly(frame.evaluate(() => location.href), '')).startsWith(breakPrefix)) found.push(frame);
        }
        return found.map((target) => ({
          ...puppeteerPage(target),
          clickButton: (name, timeoutMs) => firefox.clickButton(target, name, timeoutMs),
        }));
      },
      answerBreak: (action) => firefox.answerBreak(session, action),
      userInput: () => session.setIdleTime(0),
      close: () => session.close(),
    };
  } catch (error) {
    await session.close();
    throw error;
  }
}

/** Launches `kind` on a fresh profile with the built extension; its welcome tab is closed, and an extension page is open as `control`. */
export async function launchSession(kind: BrowserKind, options: SessionOptions = {}): Promise<ExtensionSession> {
  const base = kind === 'chromium' ? await launchChromiumSession(options) : await launchFirefoxSession();
  const { control } = base;
  const readLocal = async <T>(key: string): Promise<T | undefined> =>
    (await control.evaluate(async (k) => (await (globalThis as unknown as { browser: ExtensionApi }).browser.storage.local.get(k))[k], key)) as T | undefined;
  const session: ExtensionSession = {
    ...base,
    readLocal,
    send: (message) => control.evaluate((m) => (globalThis as unknown as { browser: ExtensionApi }).browser.runtime.sendMessage(m), message),
    async reset() {
      const schedule = await readLocal<Schedule>(SCHEDULE_KEY);
      if (schedule?.mode.kind === 'due') await session.answerBreak({ type: 'break:skip', breakId: schedule.mode.breakId });
      // A break already answered may still show its Done screen.
      for (const page of await session.breakPages()) await page.clickButton('Close', 2_000).catch(() => undefined);
      await waitFor('no break page', async () => (await session.breakPages()).length === 0);
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
      // The timing change is stepped (and written with the history it read) before the history goes. Removing
      // what was not there changes nothing, and wakes nothing.
      if (timingChanged)
        await waitFor('the default timing to be stepped', async () => ((await readLocal<Schedule>(SCHEDULE_KEY))?.lastSeenAt ?? 0) >= changedAt);
      await control.evaluate((key) => (globalThis as unknown as { browser: ExtensionApi }).browser.storage.local.remove(key), HISTORY_KEY);
      await session.userInput();
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
