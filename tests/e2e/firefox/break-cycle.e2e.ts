// The break cycle in the built Firefox extension, in real Firefox ESR over WebDriver BiDi, with the event page suspending.
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, FIREFOX_DIST, SCREENSHOTS_DIR, waitFor, type DevOverrides } from '../support/extension';
import { clickButton, closeWelcomeTab, firefoxAvailable, launchFirefox, waitForExtensionFrame, type FirefoxSession } from '../support/firefox';
import { startTestServer, type TestServer } from '../support/server';

const BREAK_PAGE = 'src/pages/break/index.html';
const POPUP_PAGE = 'src/pages/popup/index.html';
const FAST_CLOCK: DevOverrides = { workSeconds: 5, breakSeconds: 6, snoozeSeconds: 3 };

declare const browser: {
  storage: { local: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

/** The overlay's frame if the break is showing in the page, else null. */
async function overlayFrame(page: Page): Promise<Frame | null> {
  return waitForExtensionFrame(page, BREAK_PAGE, 300).catch(() => null);
}

async function textOf(frame: Frame | Page, selector: string): Promise<string | null> {
  return frame.$eval(selector, (el) => el.textContent).catch(() => null);
}

async function todaysTally(control: Page): Promise<Record<string, number>> {
  return control.evaluate(async () => {
    const { history } = (await browser.storage.local.get('history')) as { history?: Record<string, Record<string, number>> };
    const d = new Date();
    const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    return history?.[key] ?? {};
  });
}

describeWithBrowser('Firefox: a break cycle over the page, with the event page suspending', firefoxAvailable(), () => {
  let session: FirefoxSession;
  let server: TestServer;
  let page: Page;
  let control: Page;

  beforeAll(async () => {
    server = await startTestServer();
    // The event page suspends 2 s after its last event, the Firefox twin of a stopped Chrome worker.
    session = await launchFirefox({ extensionDir: FIREFOX_DIST, prefs: { 'extensions.background.idle.timeout': 2000 } });
    await closeWelcomeTab(session);
    control = await session.openExtensionPage(POPUP_PAGE);
    // The user allows breaks over pages from the popup (a real click: permissions need a gesture).
    await control.waitForSelector('#allow-overlay');
    await control.click('#allow-overlay');
    await control.waitForSelector('#allow-overlay', { hidden: true });
    // Hold the cycle while the test page opens, so the first break lands there.
    await control.evaluate(() => browser.runtime.sendMessage({ type: 'pause', minutes: null }));
    await control.evaluate((o) => browser.storage.local.set({ devOverrides: o }), FAST_CLOCK);
    page = await session.newPage(`${server.url}/`);
    await page.setViewport({ width: 1100, height: 760 });
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('shows the break over the page; Start runs the routine to Done; the popup shows 1 completed', async () => {
    await session.setIdleTime(0);
    await control.evaluate(() => browser.runtime.sendMessage({ type: 'resume' }));
    const frame = await waitFor('the break overlay in the page', () => overlayFrame(page), 20_000);
    await clickButton(frame, 'Start');
    await frame.waitForFunction(() => /^Step 1 of \d+$/.test(document.querySelector('.progress')?.textContent ?? ''), { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 1800));
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'firefox-break-over-page.png') });
    await frame.waitForFunction(() => document.querySelector('h1')?.textContent === 'Nicely done', { timeout: 15_000 });
    expect(await textOf(frame, '[data-testid="tally-completed"]')).toBe('1');
    await clickButton(frame, 'Close');
    await waitFor('the overlay to go', async () => (await overlayFrame(page)) === null);

    const popup = await session.openExtensionPage(POPUP_PAGE);
    await popup.waitForSelector('[data-testid="tally-completed"]');
    expect(await textOf(popup, '[data-testid="tally-completed"]')).toBe('1');
    await popup.close();
    await page.bringToFront();
  });

  it('the event page suspended mid-cycle still brings the break on time; Snooze brings it back', async () => {
    await session.setIdleTime(0);
    // Done above restarted the cycle; suspend now, as the idle timeout does.
    const cycleStart = Date.now();
    await session.suspendBackground();
    expect(await session.backgroundState()).not.toBe('running');
    const frame = await waitFor('the break after a suspended event page', () => overlayFrame(page), 20_000);
    const dueAfterMs = Date.now() - cycleStart;
    expect(dueAfterMs).toBeGreaterThanOrEqual(2_000);
    expect(dueAfterMs).toBeLessThan(12_000);

    await clickButton(frame, 'Snooze');
    const snoozedAt = Date.now();
    await waitFor('the overlay to go', async () => (await overlayFrame(page)) === null);
    await session.suspendBackground();
    const again = await waitFor('the snoozed break to return', () => overlayFrame(page), 20_000);
    expect(Date.now() - snoozedAt).toBeGreaterThanOrEqual(2_000);
    await clickButton(again, 'Skip');
    await waitFor('the overlay to go', async () => (await overlayFrame(page)) === null);
    expect(await todaysTally(control)).toMatchObject({ completed: 1, snoozed: 1, skipped: 1 });
  });
});

describeWithBrowser('Firefox: without host access the break opens in its own window', firefoxAvailable(), () => {
  let session: FirefoxSession;
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    session = await launchFirefox({ extensionDir: FIREFOX_DIST, prefs: { 'extensions.originControls.grantByDefault': false } });
    await closeWelcomeTab(session);
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('opens the break window, and Skip closes it', async () => {
    await session.setIdleTime(0);
    const control = await session.openExtensionPage(POPUP_PAGE);
    await control.evaluate(() => browser.runtime.sendMessage({ type: 'pause', minutes: null }));
    await control.evaluate((o) => browser.storage.local.set({ devOverrides: o }), FAST_CLOCK);
    const page = await session.newPage(`${server.url}/`);
    const pagesBefore = (await session.browser.pages()).length;
    await control.evaluate(() => browser.runtime.sendMessage({ type: 'resume' }));
    const breakWindow = await waitFor(
      'the break window',
      async () => {
        for (const p of await session.browser.pages()) {
          const url = await p.evaluate(() => location.href).catch(() => '');
          if (url.includes(BREAK_PAGE) && url.includes('surface=window')) return p;
        }
        return null;
      },
      20_000,
    );
    expect((await session.browser.pages()).length).toBe(pagesBefore + 1);
    expect(await overlayFrame(page)).toBeNull();
    await breakWindow.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Skip'), { timeout: 10_000 });
    await breakWindow.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Skip')!.click());
    await waitFor('the skip to be recorded', async () => ((await todaysTally(control)).skipped === 1 ? true : null));
  });
});
