// Where the break shows in real Chromium: overlay with host access, a window where the overlay can't go or can't be seen
// (or without host access, when due or on demand), and it follows a closed or navigated tab.
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerBreak, chromiumAvailable, launchChromium, type ChromiumSession, closeWelcomeTab } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, type DevOverrides, todaysTallyInPage, waitFor } from '../support/extension';
import { startTestServer, TEST_PAGES, whatClaimsHostSaw, type TestServer } from '../support/server';
import { BREAK_PAGE, POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

/** The overlay's host: a built-in element with this mark. */
const HOST_TAG = '[data-unhunch-break]';

const PAGES: Record<string, string> = {
  ...TEST_PAGES,
  '/other': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Other</title></head><body><h1>Other page</h1></body></html>',
  '/form': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Form</title></head>
<body><label>Name <input id="name"></label></body></html>`,
  // Removes our element whenever it appears, however often.
  '/remover': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Remover</title></head>
<body><p>This page deletes anything it did not create.</p>
<script>
new MutationObserver(() => document.querySelectorAll('${HOST_TAG}').forEach((el) => el.remove()))
  .observe(document, { childList: true, subtree: true });
</script></body></html>`,
  // Only the hidden-iframe rule: the overlay's own inline !important styles must win.
  '/hidden-iframes': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hidden iframes</title>
<style>iframe { visibility: hidden !important } ${HOST_TAG} { display: none !important; opacity: 0 !important }</style></head>
<body><p>Styles that try to hide frames and our element.</p></body></html>`,
};

const FAST_CLOCK: DevOverrides = { workSeconds: 5, breakSeconds: 6, snoozeSeconds: 3 };

declare const chrome: {
  storage: {
    local: { get(keys: string[] | string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
    sync: { set(items: object): Promise<void> };
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};
type WindowsApi = { windows: { update(id: number, info: object): Promise<unknown> } };

interface StoredPresentation {
  breakId: number;
  surface: string;
  tabId?: number;
  windowId?: number;
}

function breakFrame(page: Page): Frame | undefined {
  return page.frames().find((f) => f.url().includes(BREAK_PAGE));
}

function breakWindows(session: ChromiumSession): Page[] {
  return session.context.pages().filter((p) => p.url().includes(BREAK_PAGE) && p.url().includes('surface=window'));
}

async function presentation(control: Page): Promise<StoredPresentation | undefined> {
  return control.evaluate(async () => (await chrome.storage.local.get('presentation')).presentation as StoredPresentation | undefined);
}

async function todaysTally(control: Page): Promise<Record<string, number>> {
  return control.evaluate(todaysTallyInPage);
}

async function pendingBreakId(control: Page): Promise<number | null> {
  return control.evaluate(async () => {
    const { schedule } = (await chrome.storage.local.get('schedule')) as { schedule?: { mode: { kind: string; breakId?: number } } };
    return schedule?.mode.kind === 'due' ? (schedule.mode.breakId ?? null) : null;
  });
}

describeWithBrowser('Chromium: the break surfaces', chromiumAvailable(), () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(PAGES);
  });

  afterAll(async () => {
    await server?.close();
  });

  describe('with host access', () => {
    let session: ChromiumSession;
    let control: Page;
    let page: Page;

    /** Starts a break with the test page as the active tab, as "Take a break now" would. */
    async function breakNow(target: Page): Promise<void> {
      await target.bringToFront();
      await control.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
    }

    /** Skips the pending break from the control page and waits until no surface is left. */
    async function skipPending(): Promise<void> {
      const breakId = await pendingBreakId(control);
      if (breakId !== null) await answerBreak(session, { type: 'break:skip', breakId });
      await waitFor('every surface to go', async () => session.context.pages().every((p) => !breakFrame(p)) && breakWindows(session).length === 0);
    }

    beforeAll(async () => {
      session = await launchChromium({ extensionDir: CHROME_DIST, grantOrigins: ['<all_urls>'] });
      await closeWelcomeTab(session);
      control = await session.openExtensionPage(POPUP_PAGE);
      page = session.context.pages().find((p) => p !== control) ?? (await session.context.newPage());
      await page.setViewportSize({ width: 1100, height: 760 });
    });

    afterEach(async () => {
      // A failed test must not leave its break pending for the next one.
      await skipPending();
    });

    afterAll(async () => {
      await session?.close();
    });

    it('shows the overlay over the active page, moves keyboard focus into it and gives it back afterwards', async () => {
      await page.goto(`${server.url}/form`);
      await page.focus('#name');
      await breakNow(page);
      const frame = await waitFor('the overlay', async () => breakFrame(page), 10_000);
      await frame.getByRole('button', { name: /^Start/ }).waitFor();
      expect(await presentation(control)).toMatchObject({ surface: 'overlay' });
      expect(breakWindows(session)).toHaveLength(0);
      await waitFor('focus inside the overlay', async () => (await page.evaluate((tag) => document.activeElement?.matches(tag) ?? false, HOST_TAG)));
      await page.keyboard.type('xyz');
      expect(await page.inputValue('#name')).toBe('');
      await skipPending();
      await waitFor('focus back in the field', async () => (await page.evaluate(() => document.activeElement?.id)) === 'name');
    });

    it('ignores forged close messages and synthetic clicks from the page', async () => {
      await page.goto(`${server.url}/`);
      await breakNow(page);
      const frame = await waitFor('the overlay', async () => breakFrame(page), 10_000);
      await frame.getByRole('button', { name: /^Start/ }).waitFor();
      const before = await pendingBreakId(control);
      await page.evaluate((tag) => {
        window.postMessage({ type: 'unhunch:close' }, '*');
        window.postMessage({ type: 'unhunch:close' }, location.origin);
        const host = document.querySelector(tag) as HTMLElement;
        host.click();
        host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      }, HOST_TAG);
      await new Promise((r) => setTimeout(r, 500));
      expect(breakFrame(page)).toBeDefined();
      expect(await pendingBreakId(control)).toBe(before);
      await skipPending();
    });

    it('puts the overlay back when the page removes it once', async () => {
      await page.goto(`${server.url}/`);
      await breakNow(page);
      await waitFor('the overlay', async () => breakFrame(page), 10_000);
      await page.evaluate((tag) => document.querySelector(tag)!.remove(), HOST_TAG);
      await waitFor('the overlay to be back', async () => page.evaluate((tag) => document.querySelector(tag)?.isConnected === true, HOST_TAG), 3_000);
      // Re-attaching the host reloads its frame: the old one may still be listed for a moment.
      await waitFor('the break page in it', async () => breakFrame(page)?.getByRole('button', { name: /^Start/ }).isVisible(), 5_000);
      expect(await presentation(control)).toMatchObject({ surface: 'overlay' });
      await skipPending();
    });

    it('opens the break window when the page keeps removing the overlay', async () => {
      await page.goto(`${server.url}/remover`);
      await breakNow(page);
      const [breakWindow] = await waitFor('the break window', async () => breakWindows(session).length === 1 && breakWindows(session), 10_000);
      await breakWindow!.getByRole('button', { name: /^Start/ }).waitFor();
      expect(await presentation(control)).toMatchObject({ surface: 'window' });
      expect(await page.evaluate((tag) => document.querySelector(tag), HOST_TAG)).toBeNull();
      await skipPending();
    });

    it("shows the overlay although the page's CSS hides iframes and our element", async () => {
      await page.goto(`${server.url}/hidden-iframes`);
      await breakNow(page);
      const frame = await waitFor('the overlay', async () => breakFrame(page), 10_000);
      await frame.getByRole('button', { name: /^Start/ }).waitFor();
      expect(await presentation(control)).toMatchObject({ surface: 'overlay' });
      const box = await page.evaluate((tag) => {
        const r = document.querySelector(tag)!.getBoundingClientRect();
        return { width: r.width, height: r.height };
      }, HOST_TAG);
      expect(box).toEqual({ width: 1100, height: 760 });
      await skipPending();
    });

    it("shows the break over a page whose CSS hides everything, <html> included: the user-origin stylesheet outranks the page's", async () => {
      await page.goto(`${server.url}/hostile`);
      await breakNow(page);
      await waitFor('the overlay', async () => breakFrame(page)?.getByRole('button', { name: /^Start/ }).isVisible(), 10_000);
      expect(await page.evaluate((tag) => document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.matches(tag) ?? false, HOST_TAG)).toBe(true);
      expect(await presentation(control)).toMatchObject({ surface: 'overlay' });
      expect(breakWindows(session)).toHaveLength(0);
      await skipPending();
    });

    it('opens the break window over a browser page (chrome://version)', async () => {
      await page.goto('chrome://version');
      await breakNow(page);
      const [breakWindow] = await waitFor('the break window', async () => breakWindows(session).length === 1 && breakWindows(session), 10_000);
      await breakWindow!.getByRole('button', { name: /^Start/ }).waitFor();
      expect(await presentation(control)).toMatchObject({ surface: 'window' });
      await skipPending();
    });

    it('moves the break to the tab that becomes active within a second when its tab is closed', async () => {
      await page.goto(`${server.url}/`);
      const doomed = await session.context.newPage();
      await doomed.goto(`${server.url}/other`);
      await breakNow(doomed);
      await waitFor('the overlay in the second tab', async () => breakFrame(doomed), 10_000);
      // Only web pages left besides the doomed tab, so the tab Chrome activates next can take the overlay.
      await control.close();
      const closedAt = Date.now();
      await doomed.close();
      const frame = await waitFor('the overlay in the remaining tab', async () => breakFrame(page), 5_000);
      expect(Date.now() - closedAt).toBeLessThan(1_500);
      control = await session.openExtensionPage(POPUP_PAGE);
      await frame.getByRole('button', { name: /^Start/ }).waitFor();
      expect(breakWindows(session)).toHaveLength(0);
      expect(await presentation(control)).toMatchObject({ surface: 'overlay' });
      await skipPending();
    });

    it('moves the break into its window when the tab that becomes active is a browser page', async () => {
      const blank = await session.context.newPage();
      await blank.goto('chrome://version');
      const doomed = await session.context.newPage();
      await doomed.goto(`${server.url}/other`);
      await breakNow(doomed);
      await waitFor('the overlay in the doomed tab', async () => breakFrame(doomed), 10_000);
      // Chrome activates the tab to the left of the closed rightmost one: chrome://version.
      const closedAt = Date.now();
      await doomed.close();
      const [breakWindow] = await waitFor('the break window', async () => breakWindows(session).length === 1 && breakWindows(session), 5_000);
      expect(Date.now() - closedAt).toBeLessThan(2_000);
      await breakWindow!.getByRole('button', { name: /^Start/ }).waitFor();
      expect(await presentation(control)).toMatchObject({ surface: 'window' });
      await skipPending();
      await blank.close();
    });

    it('shows the break again in the page the tab navigates to', async () => {
      await page.goto(`${server.url}/`);
      await breakNow(page);
      await waitFor('the overlay', async () => breakFrame(page), 10_000);
      const breakId = await pendingBreakId(control);
      await page.goto(`${server.url}/other`);
      const frame = await waitFor('the overlay on the new page', async () => breakFrame(page), 5_000);
      await frame.getByRole('button', { name: /^Start/ }).waitFor();
      expect(await page.title()).toBe('Other');
      expect(await pendingBreakId(control)).toBe(breakId);
      expect(breakWindows(session)).toHaveLength(0);
      await skipPending();
    });

    it('shows the break again in the page when its tab reloads', async () => {
      await page.goto(`${server.url}/`);
      await breakNow(page);
      await waitFor('the overlay', async () => breakFrame(page)?.getByRole('button', { name: /^Start/ }).isVisible(), 10_000);
      const breakId = await pendingBreakId(control);
      await page.reload();
      await waitFor('the overlay on the reloaded page', async () => breakFrame(page)?.getByRole('button', { name: /^Start/ }).isVisible(), 5_000);
      expect(await pendingBreakId(control)).toBe(breakId);
      expect(breakWindows(session)).toHaveLength(0);
      await skipPending();
    });

    it('after Back and Forward through the back/forward cache, the break shows exactly once in the tab', async () => {
      await page.goto(`${server.url}/`);
      await page.goto(`${server.url}/other`);
      await breakNow(page);
      await waitFor('the overlay', async () => breakFrame(page)?.getByRole('button', { name: /^Start/ }).isVisible(), 10_000);
      await page.goBack();
      await waitFor('the overlay on the page before', async () => breakFrame(page)?.getByRole('button', { name: /^Start/ }).isVisible(), 5_000);
      await page.goForward();
      await waitFor('the overlay on the page after', async () => breakFrame(page)?.getByRole('button', { name: /^Start/ }).isVisible(), 5_000);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(page.frames().filter((f) => f.url().includes(BREAK_PAGE))).toHaveLength(1);
      expect(await page.evaluate((tag) => document.querySelectorAll(tag).length, HOST_TAG)).toBe(1);
      expect(breakWindows(session)).toHaveLength(0);
      expect(await presentation(control)).toMatchObject({ surface: 'overlay' });
      await skipPending();
    });

    it('a worker stopped during a break is woken by the page, and still follows the tab to its next page', async () => {
      await page.goto(`${server.url}/`);
      await breakNow(page);
      await waitFor('the overlay', async () => breakFrame(page)?.getByRole('button', { name: /^Start/ }).isVisible(), 10_000);
      await session.stopServiceWorker();
      // The break page connects again at once, which starts the worker.
      await waitFor('the worker to run again', () => session.serviceWorkerRunning(), 5_000);
      await page.goto(`${server.url}/other`);
      await waitFor('the overlay on the new page', async () => breakFrame(page)?.getByRole('button', { name: /^Start/ }).isVisible(), 5_000);
      expect(breakWindows(session)).toHaveLength(0);
      await skipPending();
    });

    it('a break waiting in a notification moves into the browser when the user comes back, also after the worker was stopped', async () => {
      await page.goto(`${server.url}/`);
      await page.bringToFront();
      const windowIds = await control.evaluate(async () => {
        const windows = await (chrome as unknown as { windows: { getAll(): Promise<{ id: number }[]> } }).windows.getAll();
        return windows.map((w) => w.id);
      });
      // The user is in another program: every browser window minimised, none focused.
      for (const id of windowIds) await control.evaluate((windowId) => (chrome as unknown as WindowsApi).windows.update(windowId, { state: 'minimized' }), id);
      await control.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
      await waitFor('the break in a notification', async () => (await presentation(control))?.surface === 'notification', 5_000);
      await session.stopServiceWorker();
      // Back in the browser: its window restored and focused (the test page and the control page share it).
      await control.evaluate((windowId) => (chrome as unknown as WindowsApi).windows.update(windowId, { state: 'normal', focused: true }), windowIds[0]!);
      await waitFor('the break over the page', async () => breakFrame(page)?.getByRole('button', { name: /^Start/ }).isVisible(), 5_000);
      expect(await presentation(control)).toMatchObject({ surface: 'overlay' });
      await skipPending();
    });

    it('a web page can neither load nor fetch the break page by its fixed URL, nor drive the break from any other page', async () => {
      await page.goto(`${server.url}/`);
      await breakNow(page);
      await waitFor('the overlay', async () => breakFrame(page)?.getByRole('button', { name: /^Start/ }).isVisible(), 10_000);
      const breakId = await pendingBreakId(control);
      const fixedUrl = `${session.origin}/${BREAK_PAGE}?surface=window`;
      const framer = await session.context.newPage();
      await framer.goto(`${server.url}/framer?src=${encodeURIComponent(fixedUrl)}`);
      // The break page is web-accessible only by a URL that changes every session: nothing to probe for.
      expect(await framer.evaluate((url) => fetch(url).then(() => 'fetched', () => 'refused'), fixedUrl)).toBe('refused');
      await new Promise((r) => setTimeout(r, 1_000));
      const framed = framer.frames().find((f) => f !== framer.mainFrame());
      // Chromium shows its own "blocked" page in the frame instead: no break page, no Start to press.
      expect(framed?.url()).not.toContain(BREAK_PAGE);
      expect(await framed?.evaluate(() => [...document.querySelectorAll('button')].filter((b) => b.textContent?.includes('Start')).length).catch(() => 0)).toBe(0);
      await framer.evaluate(() => document.querySelector('iframe')!.remove());
      // Another of our pages (the popup) may not answer the break either.
      await control.evaluate((id) => chrome.runtime.sendMessage({ type: 'break:skip', breakId: id }).catch(() => null), breakId);
      await new Promise((r) => setTimeout(r, 500));
      expect(await pendingBreakId(control)).toBe(breakId);
      await framer.close();
      await page.bringToFront();
      await skipPending();
    });

    it('a page that defined our old element name first learns nothing of the closed shadow root', async () => {
      await page.goto(`${server.url}/claims-host`);
      await breakNow(page);
      await waitFor('the overlay', async () => breakFrame(page)?.getByRole('button', { name: /^Start/ }).isVisible(), 10_000);
      expect(await page.evaluate(whatClaimsHostSaw)).toEqual({ caught: null, roots: 0 });
      await skipPending();
    });

    it("the break goes back on top of a popover the page opens later", async () => {
      await page.goto(`${server.url}/popover-later`);
      await breakNow(page);
      await waitFor('the overlay', async () => breakFrame(page)?.getByRole('button', { name: /^Start/ }).isVisible(), 10_000);
      await page.evaluate(() => document.getElementById('cover')!.showPopover());
      await waitFor('the break on top again', () => page.evaluate((tag) => document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.matches(tag) ?? false, HOST_TAG), 3_000);
      expect(await presentation(control)).toMatchObject({ surface: 'overlay' });
      await skipPending();
    });

    it('a modal dialog the page opens later makes everything else inert: the break moves into its window', async () => {
      await page.goto(`${server.url}/modal-later`);
      await breakNow(page);
      await waitFor('the overlay', async () => breakFrame(page)?.getByRole('button', { name: /^Start/ }).isVisible(), 10_000);
      await page.evaluate(() => (document.getElementById('modal') as HTMLDialogElement).showModal());
      const [breakWindow] = await waitFor('the break window', async () => breakWindows(session).length === 1 && breakWindows(session), 10_000);
      await breakWindow!.getByRole('button', { name: /^Start/ }).waitFor();
      expect(await presentation(control)).toMatchObject({ surface: 'window' });
      await skipPending();
    });

    it('a page busy in a long script gets the break in its window within seconds, and the background answers meanwhile', async () => {
      // A tab of its own, closed after: the shared page would stay busy into the next test.
      const busy = await session.context.newPage();
      await busy.goto(`${server.url}/busy`);
      await busy.bringToFront();
      await busy.evaluate(() => (window as unknown as { busyFor(ms: number): void }).busyFor(20_000));
      const askedAt = Date.now();
      await control.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
      const [breakWindow] = await waitFor('the break window', async () => breakWindows(session).length === 1 && breakWindows(session), 8_000);
      await breakWindow!.getByRole('button', { name: /^Start/ }).waitFor();
      expect(Date.now() - askedAt).toBeLessThan(8_000);
      expect(await presentation(control)).toMatchObject({ surface: 'window' });
      await skipPending();
      await busy.close();
    });

    it('browsing wakes nothing while no break is due: page loads, title changes, new tabs and tab switches', async () => {
      await session.stopServiceWorker();
      const stillStopped = async (what: string) => {
        await new Promise((r) => setTimeout(r, 400));
        expect(await session.serviceWorkerRunning(), `the worker was woken by ${what}`).toBe(false);
      };
      for (const path of ['/', '/other', '/form']) {
        await page.goto(`${server.url}${path}`);
        await stillStopped(`loading ${path}`);
      }
      for (const title of ['(1) Inbox', '(2) Inbox', '(3) Inbox']) {
        await page.evaluate((t) => (document.title = t), title);
        await stillStopped(`the title changing to ${title}`);
      }
      const extra = await session.context.newPage();
      await stillStopped('a new tab');
      await extra.goto(`${server.url}/other`);
      await page.bringToFront();
      await stillStopped('switching tabs');
      await extra.bringToFront();
      await stillStopped('switching back');
      await extra.close();
      await stillStopped('closing a tab');
    });
  });

  describe('without host access', () => {
    let session: ChromiumSession;
    let control: Page;
    let page: Page;

    beforeAll(async () => {
      session = await launchChromium({ extensionDir: CHROME_DIST });
      await closeWelcomeTab(session);
      control = await session.openExtensionPage(POPUP_PAGE);
      page = session.context.pages().find((p) => p !== control) ?? (await session.context.newPage());
      await page.goto(`${server.url}/`);
      await page.bringToFront();
    });

    afterAll(async () => {
      await session?.close();
    });

    it('opens a small break window when the break is due, and Skip closes it', async () => {
      const opened = session.context.waitForEvent('page', { predicate: (p) => p.url().includes(BREAK_PAGE), timeout: 20_000 });
      await control.evaluate((o) => chrome.storage.local.set({ devOverrides: o }), FAST_CLOCK);
      const breakWindow = await opened;
      expect(breakWindow.url()).toContain('surface=window');
      expect(breakFrame(page)).toBeUndefined();
      await breakWindow.getByRole('button', { name: /^Skip/ }).click();
      await waitFor('the break window to close', async () => breakWindow.isClosed());
      expect(await todaysTally(control)).toMatchObject({ skipped: 1 });
      // Back to a long work time, so no scheduled break comes in the way of the next test.
      await control.evaluate(() => chrome.storage.local.set({ devOverrides: { workSeconds: 3_600 } }));
      await page.bringToFront();
    });

    it('opens one break window (headless ignores its geometry; the unit test checks the centring); Snooze closes it', async () => {
      await control.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
      const [breakWindow] = await waitFor('the break window', async () => breakWindows(session).length === 1 && breakWindows(session), 10_000);
      await breakWindow!.getByRole('button', { name: /^Snooze/ }).waitFor();
      expect(breakFrame(page)).toBeUndefined();
      expect(await presentation(control)).toMatchObject({ surface: 'window' });
      await breakWindow!.getByRole('button', { name: /^Snooze/ }).click();
      await waitFor('the break window to close', async () => breakWindow!.isClosed());
      expect(await presentation(control)).toBeUndefined();
    });

    it('in strict mode, closing the break window snoozes nothing: the break shows again', async () => {
      await control.evaluate(() => chrome.storage.sync.set({ settings: { version: 1, strict: true } }));
      await control.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
      const [breakWindow] = await waitFor('the break window', async () => breakWindows(session).length === 1 && breakWindows(session), 10_000);
      await breakWindow!.getByRole('button', { name: /^Start/ }).waitFor();
      const breakId = await pendingBreakId(control);
      const before = await todaysTally(control);
      await breakWindow!.close();
      const [again] = await waitFor('the break window again', async () => breakWindows(session).length === 1 && breakWindows(session), 5_000);
      await again!.getByRole('button', { name: /^Start/ }).waitFor();
      expect(await pendingBreakId(control)).toBe(breakId);
      expect((await todaysTally(control)).snoozed ?? 0).toBe(before.snoozed ?? 0);
      await control.evaluate(() => chrome.storage.sync.set({ settings: { version: 1, strict: false } }));
      await answerBreak(session, { type: 'break:skip', breakId: breakId! });
      await waitFor('the break window to close', async () => breakWindows(session).length === 0);
    });

    it('closing the break window before answering counts as a snooze', async () => {
      const before = await todaysTally(control);
      await control.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
      const [breakWindow] = await waitFor('the break window', async () => breakWindows(session).length === 1 && breakWindows(session), 10_000);
      await breakWindow!.getByRole('button', { name: /^Start/ }).waitFor();
      await breakWindow!.close();
      await waitFor('the break to be snoozed', async () => (await pendingBreakId(control)) === null, 5_000);
      expect(await presentation(control)).toBeUndefined();
      expect((await todaysTally(control)).snoozed ?? 0).toBe((before.snoozed ?? 0) + 1);
    });
  });
});
