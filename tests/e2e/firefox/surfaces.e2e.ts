// Where the break shows in real Firefox ESR: overlay over the page with host access (and back to the window where the page hides everything), a window without it.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithBrowser, FIREFOX_DIST, waitFor } from '../support/extension';
import { firefoxAvailable, launchFirefox, waitForExtensionFrame, type FirefoxSession } from '../support/firefox';
import { startTestServer, TEST_PAGES, type TestServer } from '../support/server';

const BREAK_PAGE = 'src/pages/break/index.html';
const POPUP_PAGE = 'src/pages/popup/index.html';
const HOST_TAG = 'unhunch-break-overlay';

const PAGES: Record<string, string> = {
  ...TEST_PAGES,
  '/form': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Form</title></head>
<body><label>Name <input id="name"></label></body></html>`,
};

declare const browser: {
  storage: { local: { get(keys: string | string[]): Promise<Record<string, unknown>> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

async function presentation(control: Page): Promise<{ surface: string } | undefined> {
  return control.evaluate(async () => (await browser.storage.local.get('presentation')).presentation as { surface: string } | undefined);
}

async function pendingBreakId(control: Page): Promise<number | null> {
  return control.evaluate(async () => {
    const { schedule } = (await browser.storage.local.get('schedule')) as { schedule?: { mode: { kind: string; breakId?: number } } };
    return schedule?.mode.kind === 'due' ? (schedule.mode.breakId ?? null) : null;
  });
}

async function breakWindow(session: FirefoxSession): Promise<Page | null> {
  for (const p of await session.browser.pages()) {
    const url = await p.evaluate(() => location.href).catch(() => '');
    if (url.includes(BREAK_PAGE) && url.includes('surface=window')) return p;
  }
  return null;
}

async function hasButton(target: Page | Awaited<ReturnType<typeof waitForExtensionFrame>>, label: string): Promise<boolean> {
  return target
    .waitForFunction((text) => [...document.querySelectorAll('button')].some((b) => b.textContent?.startsWith(text)), { timeout: 10_000 }, label)
    .then(() => true);
}

describeWithBrowser('Firefox: the break surfaces', firefoxAvailable(), () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(PAGES);
  });

  afterAll(async () => {
    await server?.close();
  });

  describe('with host access', () => {
    let session: FirefoxSession;
    let control: Page;

    async function skipPending(): Promise<void> {
      const breakId = await pendingBreakId(control);
      if (breakId !== null) await control.evaluate((id) => browser.runtime.sendMessage({ type: 'break:skip', breakId: id }), breakId);
      await waitFor('no break window', async () => (await breakWindow(session)) === null);
    }

    beforeAll(async () => {
      session = await launchFirefox({ extensionDir: FIREFOX_DIST });
      control = await session.openExtensionPage(POPUP_PAGE);
      // The user allows breaks over pages from the popup (a real click: permissions need a gesture).
      await control.waitForSelector('#allow-overlay');
      await control.click('#allow-overlay');
      await control.waitForSelector('#allow-overlay', { hidden: true });
    });

    afterAll(async () => {
      await session?.close();
    });

    it('shows the overlay over the page, takes keyboard focus and gives it back', async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/form`);
      await page.focus('#name');
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      const frame = await waitForExtensionFrame(page, BREAK_PAGE, 15_000);
      expect(await hasButton(frame, 'Start')).toBe(true);
      expect(await presentation(control)).toMatchObject({ surface: 'overlay' });
      expect(await breakWindow(session)).toBeNull();
      await waitFor('focus inside the overlay', async () => (await page.evaluate(() => document.activeElement?.localName)) === HOST_TAG);
      // A forged close message from the page changes nothing.
      await page.evaluate(() => window.postMessage({ type: 'unhunch:close' }, '*'));
      await new Promise((r) => setTimeout(r, 300));
      expect(await page.evaluate((tag) => document.querySelector(tag) !== null, HOST_TAG)).toBe(true);
      await skipPending();
      await waitFor('the overlay to go', async () => (await page.evaluate((tag) => document.querySelector(tag), HOST_TAG)) === null);
      await waitFor('focus back in the field', async () => (await page.evaluate(() => document.activeElement?.id)) === 'name');
      await page.close();
    });

    it('opens the break window instead on a page whose CSS hides everything', async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/hostile`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      const opened = await waitFor('the break window', () => breakWindow(session), 15_000);
      expect(await hasButton(opened, 'Start')).toBe(true);
      expect(await presentation(control)).toMatchObject({ surface: 'window' });
      expect(await page.evaluate((tag) => document.querySelector(tag), HOST_TAG)).toBeNull();
      await skipPending();
      await page.close();
    });
  });

  describe('without host access', () => {
    let session: FirefoxSession;

    beforeAll(async () => {
      session = await launchFirefox({ extensionDir: FIREFOX_DIST, prefs: { 'extensions.originControls.grantByDefault': false } });
    });

    afterAll(async () => {
      await session?.close();
    });

    it('opens one break window; Snooze closes it', async () => {
      await session.setIdleTime(0);
      const control = await session.openExtensionPage(POPUP_PAGE);
      await session.newPage(`${server.url}/`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      const opened = await waitFor('the break window', () => breakWindow(session), 15_000);
      expect(await hasButton(opened, 'Snooze')).toBe(true);
      expect(await presentation(control)).toMatchObject({ surface: 'window' });
      await opened.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Snooze'))!.click());
      await waitFor('the break window to close', async () => (await breakWindow(session)) === null);
      expect(await presentation(control)).toBeUndefined();
    });
  });
});
