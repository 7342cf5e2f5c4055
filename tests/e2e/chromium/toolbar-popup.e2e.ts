// "Take a break now" from the REAL toolbar popup (not the popup page opened as a tab), in a headed Chromium under
// its own Xvfb: the break shows over the current tab of the popup's window, never as a notification.
//
// While the action popup has the focus, Chromium on Linux reports its window as not focused
// (`windows.getLastFocused().focused === false`); a background that trusted that answer put the break in a
// notification. `chrome.action.openPopup()` from the service worker opens the real popup (Chromium 156); Playwright
// does not list it among the pages, so the test reaches it over CDP and clicks with real (CDP) mouse input.
import type { CDPSession, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { answerBreak, chromiumAvailable, closeWelcomeTab, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, waitFor } from '../support/extension';
import { startTestServer, type TestServer } from '../support/server';
import { BREAK_PAGE, POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

interface ChromeApi {
  action: { openPopup(): Promise<void> };
  windows: { getLastFocused(): Promise<{ id: number; focused: boolean }> };
  storage: { local: { get(keys: string): Promise<Record<string, unknown>> } };
}
declare const chrome: ChromeApi;

interface StoredPresentation {
  breakId: number;
  surface: string;
  tabId?: number;
}

describeWithBrowser('Chromium (headed, Xvfb): "Take a break now" from the real toolbar popup', chromiumAvailable({ headed: true }), () => {
  let session: ChromiumSession;
  let server: TestServer;
  let page: Page;
  let cdp: CDPSession;

  beforeAll(async () => {
    server = await startTestServer();
    session = await launchChromium({ extensionDir: CHROME_DIST, headless: false, grantOrigins: ['<all_urls>'] });
    await closeWelcomeTab(session);
    page = session.context.pages()[0] ?? (await session.context.newPage());
    await page.goto(`${server.url}/`);
    await page.bringToFront();
    cdp = await session.context.browser()!.newBrowserCDPSession();
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  /**
   * A CDP channel to the real popup, once its page target exists. Playwright's CDP sessions can't
   * name a child session, so the messages go through the browser session (Target.sendMessageToTarget).
   */
  async function attachToPopup(): Promise<(method: string, params: object) => Promise<Record<string, unknown>>> {
    const targetId = await waitFor('the toolbar popup', async () => {
      const { targetInfos } = await cdp.send('Target.getTargets');
      return targetInfos.find((t) => t.type === 'page' && t.url === `${session.origin}/${POPUP_PAGE}`)?.targetId ?? null;
    });
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
    const answers = new Map<number, (message: { result?: Record<string, unknown>; error?: { message: string } }) => void>();
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
      if (message.id !== undefined) answers.get(message.id)?.(message);
    });
    let lastId = 0;
    return (method, params) =>
      new Promise((resolve, reject) => {
        const id = ++lastId;
        answers.set(id, (message) => (message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result ?? {})));
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
      });
  }

  /** Evaluates `expression` in the popup, returning its JSON-able value. */
  async function inPopup<T>(send: Awaited<ReturnType<typeof attachToPopup>>, expression: string): Promise<T> {
    const answer = (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as { result: { value: T }; exceptionDetails?: { text: string } };
    if (answer.exceptionDetails) throw new Error(`in the popup: ${answer.exceptionDetails.text}`);
    return answer.result.value;
  }

  it('shows the break over the current tab, although the browser says the window is not focused', async () => {
    const worker = await session.worker();
    const tabId = await worker.evaluate(async () => (await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } }).chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id);
    await worker.evaluate(() => chrome.action.openPopup());
    const popup = await attachToPopup();

    // The real action popup: no tab of its own, listed among the extension's popup views.
    const real = await waitFor('the popup to be ready', () =>
      inPopup<{ tab: boolean; popupView: boolean; button: boolean } | null>(
        popup,
        `(async () => {
          const button = [...document.querySelectorAll('button.primary')].find((b) => b.textContent === 'Take a break now');
          if (!button) return null;
          return { tab: (await chrome.tabs.getCurrent()) !== undefined, popupView: chrome.extension.getViews({ type: 'popup' }).includes(window), button: true };
        })()`,
      ),
    );
    expect(real).toEqual({ tab: false, popupView: true, button: true });
    // The condition the old background fell for.
    expect((await worker.evaluate(() => chrome.windows.getLastFocused())).focused).toBe(false);

    // A real click on "Take a break now" in the popup.
    const box = await inPopup<{ x: number; y: number }>(
      popup,
      `(() => { const r = [...document.querySelectorAll('button.primary')].find((b) => b.textContent === 'Take a break now').getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
    );
    for (const type of ['mousePressed', 'mouseReleased'] as const) {
      await popup('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
    }

    const frame = await waitFor('the break over the page', async () => page.frames().find((f: Frame) => f.url().includes(BREAK_PAGE)) ?? null);
    await frame.waitForSelector('text=Start');
    const shown = await worker.evaluate(async () => (await chrome.storage.local.get('presentation')).presentation as StoredPresentation);
    expect(shown).toMatchObject({ surface: 'overlay', tabId });

    // Leave no break open.
    await answerBreak(session, { type: 'break:skip', breakId: shown.breakId });
    await waitFor('the overlay to go', async () => !page.frames().some((f) => f.url().includes(BREAK_PAGE)));
  });
});
