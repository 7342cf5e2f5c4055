// The overlay must prove that it shows, in real Chromium: where its break page does not connect (a frame that failed to
// load) or the page hides it, the break moves into its window within seconds and the tab is usable again.
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { answerBreak, chromiumAvailable, closeWelcomeTab, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, waitFor } from '../support/extension';
import { startTestServer, tapsOnPage, type TestServer } from '../support/server';

const BREAK_PAGE = 'src/pages/break/index.html';
const POPUP_PAGE = 'src/pages/popup/index.html';
const HOST_TAG = '[data-unhunch-break]';
/** The promise: visible over the page or in its window within this long. */
const PROOF_MS = 3_000;

declare const chrome: {
  storage: { local: { get(keys: string[] | string): Promise<Record<string, unknown>> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

function breakWindows(session: ChromiumSession): Page[] {
  return session.context.pages().filter((p) => p.url().includes(BREAK_PAGE) && p.url().includes('surface=window'));
}

function breakFrame(page: Page): Frame | undefined {
  return page.frames().find((f) => f.url().includes(BREAK_PAGE));
}

async function pendingBreakId(control: Page): Promise<number | null> {
  return control.evaluate(async () => {
    const { schedule } = (await chrome.storage.local.get('schedule')) as { schedule?: { mode: { kind: string; breakId?: number } } };
    return schedule?.mode.kind === 'due' ? (schedule.mode.breakId ?? null) : null;
  });
}

async function presentation(control: Page): Promise<{ surface: string } | undefined> {
  return control.evaluate(async () => (await chrome.storage.local.get('presentation')).presentation as { surface: string } | undefined);
}

describeWithBrowser('Chromium: the overlay proves that it shows', chromiumAvailable(), () => {
  let server: TestServer;
  let session: ChromiumSession;
  let control: Page;

  beforeAll(async () => {
    server = await startTestServer();
    session = await launchChromium({ extensionDir: CHROME_DIST, grantOrigins: ['<all_urls>'] });
    await closeWelcomeTab(session);
    control = await session.openExtensionPage(POPUP_PAGE);
  });

  afterEach(async () => {
    // A failed test must not leave its break pending for the next one.
    const breakId = await pendingBreakId(control);
    if (breakId !== null) await answerBreak(session, { type: 'break:skip', breakId });
    await waitFor('every surface to go', async () => breakWindows(session).length === 0 && session.context.pages().every((p) => !breakFrame(p)));
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  /** Opens `path` in a tab of its own, asks for a break there, and expects it in the break window within PROOF_MS, the tab usable. */
  async function breakMovesToWindow(path: string): Promise<void> {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.goto(`${server.url}${path}`);
    await page.bringToFront();
    const askedAt = Date.now();
    await control.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
    const [breakWindow] = await waitFor('the break window', async () => breakWindows(session).length === 1 && breakWindows(session), 10_000);
    await breakWindow!.getByRole('button', { name: /^Start/ }).waitFor();
    expect(Date.now() - askedAt).toBeLessThan(PROOF_MS);
    expect(await presentation(control)).toMatchObject({ surface: 'window' });
    // The tab is usable again: no host covers it, and a real click reaches the page's button.
    await waitFor('the host to go', async () => (await page.evaluate((tag) => document.querySelector(tag) === null, HOST_TAG)) || null, 2_000);
    await page.mouse.click(120, 150);
    await waitFor('the click to reach the page', async () => (await page.evaluate(tapsOnPage)) === 1 || null, 2_000);
    await page.close();
  }

  it('a cross-origin-isolated page (COEP require-corp), where the overlay frame cannot load: the break shows in its window, the page stays clickable', async () => {
    await breakMovesToWindow('/coep');
  });

  it('a page served with COEP credentialless: the same', async () => {
    await breakMovesToWindow('/coep-credentialless');
  });

  it('a page that calls window.stop() as the overlay comes: the same', async () => {
    await breakMovesToWindow('/stops-loading');
  });
});
