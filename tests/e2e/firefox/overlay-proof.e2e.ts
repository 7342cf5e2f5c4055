// The overlay must prove that it shows, in real Firefox ESR: where its break page does not connect (a frame that failed
// to load) or the page hides it, the break moves into its window within seconds and the tab is usable again.
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, FIREFOX_DIST, waitFor } from '../support/extension';
import { answerBreak, firefoxAvailable, launchFirefox, waitForExtensionFrame, type FirefoxSession } from '../support/firefox';
import { startTestServer, tapsOnPage, type TestServer } from '../support/server';

const BREAK_PAGE = 'src/pages/break/index.html';
const POPUP_PAGE = 'src/pages/popup/index.html';
const HOST_TAG = '[data-unhunch-break]';
/** The promise: visible over the page or in its window within this long. */
const PROOF_MS = 3_000;

declare const browser: {
  storage: { local: { get(keys: string | string[]): Promise<Record<string, unknown>> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms));

let session: FirefoxSession;
let server: TestServer;
let control: Page;

async function pendingBreakId(): Promise<number | null> {
  return control.evaluate(async () => {
    const { schedule } = (await browser.storage.local.get('schedule')) as { schedule?: { mode: { kind: string; breakId?: number } } };
    return schedule?.mode.kind === 'due' ? (schedule.mode.breakId ?? null) : null;
  });
}

async function presentation(): Promise<{ surface: string } | undefined> {
  return control.evaluate(async () => (await browser.storage.local.get('presentation')).presentation as { surface: string } | undefined);
}

async function breakWindow(): Promise<Page | null> {
  for (const p of await session.browser.pages()) {
    const url = await Promise.race([p.evaluate(() => location.href), sleepMs(300).then(() => '')]).catch(() => '');
    if (url.includes(BREAK_PAGE) && url.includes('surface=window')) return p;
  }
  return null;
}

async function showsStart(target: Page | Frame): Promise<boolean> {
  return target.evaluate(() => [...document.querySelectorAll('button')].some((b) => b.textContent?.startsWith('Start') && b.checkVisibility())).catch(() => false);
}

/** Where the break is visible now: its window, or the overlay over `page` with its prompt showing; null while neither. */
async function visibleBreak(page: Page): Promise<'window' | 'overlay' | null> {
  const opened = await breakWindow();
  if (opened && (await showsStart(opened))) return 'window';
  const frame = await waitForExtensionFrame(page, BREAK_PAGE, 200).catch(() => null);
  if (frame && (await showsStart(frame)) && (await page.evaluate((tag) => document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.matches(tag) ?? false, HOST_TAG))) {
    return 'overlay';
  }
  return null;
}

async function clickTapButton(page: Page): Promise<void> {
  const before = await page.evaluate(tapsOnPage);
  await page.mouse.click(120, 150);
  await waitFor('the click to reach the page', async () => (await page.evaluate(tapsOnPage)) === before + 1 || null, 2_000);
}

beforeAll(async () => {
  if (!firefoxAvailable()) return;
  server = await startTestServer();
  // A temporary add-on has access to pages by default.
  session = await launchFirefox({ extensionDir: FIREFOX_DIST });
  control = await session.openExtensionPage(POPUP_PAGE);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describeWithBrowser('Firefox: the overlay proves that it shows', firefoxAvailable(), () => {
  afterEach(async () => {
    // A failed test must not leave its break pending for the next one.
    const breakId = await pendingBreakId();
    if (breakId !== null) await answerBreak(session, { type: 'break:skip', breakId });
    await waitFor('no break window', async () => (await breakWindow()) === null);
  });

  /**
   * Opens `path`, asks for a break there: visible over the page or in its window within PROOF_MS; in its window, the tab
   * is usable at once (no host covers it); anywhere, the tab is usable after the break leaves.
   */
  async function breakShowsAndTabStaysUsable(path: string, { inWindow }: { inWindow: boolean }): Promise<void> {
    await session.setIdleTime(0);
    const page = await session.newPage(`${server.url}${path}`);
    const askedAt = Date.now();
    await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
    const where = await waitFor('the break, visible', () => visibleBreak(page), 10_000);
    expect(Date.now() - askedAt).toBeLessThan(PROOF_MS);
    if (inWindow) expect(where).toBe('window');
    if (where === 'window') {
      expect(await presentation()).toMatchObject({ surface: 'window' });
      await waitFor('the host to go', async () => (await page.evaluate((tag) => document.querySelector(tag) === null, HOST_TAG)) || null, 2_000);
      await clickTapButton(page);
    }
    await answerBreak(session, { type: 'break:skip', breakId: (await pendingBreakId())! });
    await waitFor('the break to go', async () => (await breakWindow()) === null && (await page.evaluate((tag) => document.querySelector(tag) === null, HOST_TAG)));
    await clickTapButton(page);
    await page.close();
  }

  it('a cross-origin-isolated page (COEP require-corp): the break shows over it or in its window, the page stays clickable', async () => {
    await breakShowsAndTabStaysUsable('/coep', { inWindow: false });
  });

  it('a page that calls window.stop() as the overlay comes: the break shows in its window, the page stays clickable', async () => {
    await breakShowsAndTabStaysUsable('/stops-loading', { inWindow: true });
  });
});
