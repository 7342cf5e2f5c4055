// The extension's pages and where the break shows, in real Firefox ESR: the welcome tab on install (its button grants
// breaks over pages in one click), the break in its own window without host access (when due and on demand), the
// overlay over the page with it (and back to the window where the page hides everything), the options page.
//
// One Firefox for the whole file (a launch + install costs ~10 s), so the order matters: no host access first
// (Firefox is told not to grant it by default), then the welcome page's button grants it, then the overlay, then options.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTING_KEYS } from '../../../src/core/rules/settings-schema';
import { describeWithBrowser, type DevOverrides, FIREFOX_DIST, todaysTallyInPage, waitFor } from '../support/extension';
import { describeOverflow, findOverflowingText } from '../support/layout';
import { answerBreak, findExtensionTab, firefoxAvailable, launchFirefox, waitForExtensionFrame, type FirefoxSession } from '../support/firefox';
import { startTestServer, TEST_PAGES, whatClaimsHostSaw, type TestServer } from '../support/server';
import { BREAK_PAGE, OPTIONS_PAGE, POPUP_PAGE, WELCOME_PAGE } from '../../../src/core/contracts/extension-paths';

/** The overlay's host: a built-in element with this mark. */
const HOST_TAG = '[data-unhunch-break]';
const FAST_CLOCK: DevOverrides = { workSeconds: 5, breakSeconds: 6, snoozeSeconds: 3 };
/** Long enough that no scheduled break comes while the later tests run. */
const SLOW_CLOCK: DevOverrides = { workSeconds: 3_600 };

const PAGES: Record<string, string> = {
  ...TEST_PAGES,
  '/form': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Form</title></head>
<body><label>Name <input id="name"></label></body></html>`,
};

declare const browser: {
  storage: {
    local: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
    sync: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void>; clear(): Promise<void> };
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
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

async function todaysTally(control: Page): Promise<Record<string, number>> {
  return control.evaluate(todaysTallyInPage);
}

async function storedSettings(page: Page): Promise<Record<string, unknown> | undefined> {
  return page.evaluate(async () => (await browser.storage.sync.get('settings')).settings as Record<string, unknown> | undefined);
}

async function breakWindow(session: FirefoxSession): Promise<Page | null> {
  for (const p of await session.browser.pages()) {
    // A page busy in a long script would hold up an evaluate: ask each one briefly.
    const url = await Promise.race([p.evaluate(() => location.href), sleepMs(300).then(() => '')]).catch(() => '');
    if (url.includes(BREAK_PAGE) && url.includes('surface=window')) return p;
  }
  return null;
}

const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The overlay's frame in `page` once it shows Start (the frame a page replaced may linger there a moment). */
async function overlayWithStart(page: Page, timeout = 10_000) {
  return waitFor(
    'the overlay with its prompt',
    async () => {
      const frame = await waitForExtensionFrame(page, BREAK_PAGE, 300).catch(() => null);
      const prompt = await frame?.evaluate(() => [...document.querySelectorAll('button')].some((b) => b.textContent?.startsWith('Start'))).catch(() => false);
      return prompt ? frame : null;
    },
    timeout,
  );
}

async function hasButton(target: Page | Awaited<ReturnType<typeof waitForExtensionFrame>>, label: string): Promise<boolean> {
  return target
    .waitForFunction((text) => [...document.querySelectorAll('button')].some((b) => b.textContent?.startsWith(text)), { timeout: 10_000 }, label)
    .then(() => true);
}

let session: FirefoxSession;
let server: TestServer;
/** An extension page (the popup in a tab) to read storage and send messages from. */
let control: Page;

beforeAll(async () => {
  if (!firefoxAvailable()) return;
  server = await startTestServer(PAGES);
  // Temporary add-ons get <all_urls> by default; turn that off so the grant is the user's click.
  session = await launchFirefox({ extensionDir: FIREFOX_DIST, prefs: { 'extensions.originControls.grantByDefault': false } });
  control = await session.openExtensionPage(POPUP_PAGE);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function skipPending(): Promise<void> {
  const breakId = await pendingBreakId(control);
  if (breakId !== null) await answerBreak(session, { type: 'break:skip', breakId });
  await waitFor('no break window', async () => (await breakWindow(session)) === null);
}

describeWithBrowser('Firefox: the break surfaces', firefoxAvailable(), () => {
  describe('without host access', () => {
    it('opens the break window when the break is due, and Skip closes it', async () => {
      await session.setIdleTime(0);
      expect(await control.evaluate(() => browser.permissions.contains({ origins: ['<all_urls>'] }))).toBe(false);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'pause', minutes: null }));
      await control.evaluate((o) => browser.storage.local.set({ devOverrides: o }), FAST_CLOCK);
      const page = await session.newPage(`${server.url}/`);
      const pagesBefore = (await session.browser.pages()).length;
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'resume' }));
      const opened = await waitFor('the break window', () => breakWindow(session), 20_000);
      expect((await session.browser.pages()).length).toBe(pagesBefore + 1);
      expect(await waitForExtensionFrame(page, BREAK_PAGE, 300).catch(() => null)).toBeNull();
      await opened.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Skip'), { timeout: 10_000 });
      await opened.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Skip')!.click());
      await waitFor('the skip to be recorded', async () => ((await todaysTally(control)).skipped === 1 ? true : null));
      await waitFor('the break window to close', async () => (await breakWindow(session)) === null);
      await control.evaluate((o) => browser.storage.local.set({ devOverrides: o }), SLOW_CLOCK);
      await page.close();
    });

    it('opens one break window; Snooze closes it', async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      const opened = await waitFor('the break window', () => breakWindow(session), 15_000);
      expect(await hasButton(opened, 'Snooze')).toBe(true);
      expect(await presentation(control)).toMatchObject({ surface: 'window' });
      await opened.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Snooze'))!.click());
      await waitFor('the break window to close', async () => (await breakWindow(session)) === null);
      expect(await presentation(control)).toBeUndefined();
      await page.close();
    });
  });
});

describeWithBrowser('Firefox: the welcome page on install', firefoxAvailable(), () => {
  let welcome: Page;

  it('opens in a new tab when the add-on is installed', async () => {
    welcome = await waitFor('the welcome tab', () => findExtensionTab(session, WELCOME_PAGE), 20_000);
    await welcome.waitForSelector('h1');
    expect(await welcome.$eval('h1', (h) => h.textContent)).toBe('Welcome to Unhunch');
    expect(await welcome.evaluate(() => document.body.textContent)).toContain('no treatment for herniated or bulging discs or scoliosis');
  });

  it('one click on the overlay button grants access to pages and shows it', async () => {
    expect(await welcome.evaluate(() => browser.permissions.contains({ origins: ['<all_urls>'] }))).toBe(false);
    await welcome.bringToFront();
    await welcome.waitForSelector('#welcome-allow-overlay');
    await welcome.click('#welcome-allow-overlay');
    await waitFor('the permission', () => welcome.evaluate(() => browser.permissions.contains({ origins: ['<all_urls>'] })));
    await welcome.waitForSelector('[data-testid="overlay-state"][data-state="granted"]');
    expect(await welcome.$eval('[data-testid="overlay-state"]', (el) => el.textContent)).toBe('Allowed: breaks will appear over the page you are on.');
    expect(await welcome.$('#welcome-allow-overlay')).toBeNull();
  });

  it('choosing an interval saves it into storage.sync', async () => {
    await welcome.click('input[name="interval"][value="20"]');
    await waitFor('workMinutes 20', () =>
      welcome.evaluate(async () => ((await browser.storage.sync.get('settings')).settings as { workMinutes?: number } | undefined)?.workMinutes === 20),
    );
    await welcome.close();
  });
});

describeWithBrowser('Firefox: the break surfaces', firefoxAvailable(), () => {
  // Host access was granted by the welcome page's button above.
  describe('with host access', () => {
    it('shows the overlay over the page, takes keyboard focus and gives it back', async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/form`);
      await page.focus('#name');
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      const frame = await waitForExtensionFrame(page, BREAK_PAGE, 15_000);
      expect(await hasButton(frame, 'Start')).toBe(true);
      expect(await presentation(control)).toMatchObject({ surface: 'overlay' });
      expect(await breakWindow(session)).toBeNull();
      await waitFor('focus inside the overlay', async () => (await page.evaluate((tag) => document.activeElement?.matches(tag) ?? false, HOST_TAG)));
      // A forged close message from the page changes nothing.
      await page.evaluate(() => window.postMessage({ type: 'unhunch:close' }, '*'));
      await new Promise((r) => setTimeout(r, 300));
      expect(await page.evaluate((tag) => document.querySelector(tag) !== null, HOST_TAG)).toBe(true);
      await skipPending();
      await waitFor('the overlay to go', async () => (await page.evaluate((tag) => document.querySelector(tag), HOST_TAG)) === null);
      await waitFor('focus back in the field', async () => (await page.evaluate(() => document.activeElement?.id)) === 'name');
      await page.close();
    });

    it('moves the break to the tab Firefox activates when its tab is closed', async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/`);
      const doomed = await session.newPage(`${server.url}/form`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      await overlayWithStart(doomed);
      const closedAt = Date.now();
      await doomed.close();
      await overlayWithStart(page, 5_000);
      expect(Date.now() - closedAt).toBeLessThan(3_000);
      expect(await presentation(control)).toMatchObject({ surface: 'overlay' });
      expect(await breakWindow(session)).toBeNull();
      await skipPending();
      await page.close();
    });

    it('shows the break again in the page its tab navigates to, and after a reload', async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      await overlayWithStart(page);
      const breakId = await pendingBreakId(control);
      await page.goto(`${server.url}/form`);
      await overlayWithStart(page, 5_000);
      expect(await page.title()).toBe('Form');
      await page.evaluate(() => location.reload());
      await sleepMs(500);
      await overlayWithStart(page, 5_000);
      expect(await pendingBreakId(control)).toBe(breakId);
      expect(await breakWindow(session)).toBeNull();
      await skipPending();
      await page.close();
    });

    it('puts the overlay back when the page removes it once', async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      await overlayWithStart(page);
      await page.evaluate((tag) => document.querySelector(tag)!.remove(), HOST_TAG);
      await waitFor('the overlay to be back', async () => page.evaluate((tag) => document.querySelector(tag)?.isConnected === true, HOST_TAG), 3_000);
      await overlayWithStart(page, 5_000);
      await sleepMs(1_000);
      expect(await presentation(control)).toMatchObject({ surface: 'overlay' });
      expect(await breakWindow(session)).toBeNull();
      await skipPending();
      await page.close();
    });

    it('after Back and Forward through the back/forward cache, the break shows exactly once in the tab', async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/`);
      await page.goto(`${server.url}/form`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      await overlayWithStart(page);
      await page.evaluate(() => history.back());
      await waitFor('the page before', async () => (await page.evaluate(() => document.title).catch(() => '')) === 'Test article', 5_000);
      await overlayWithStart(page, 5_000);
      await page.evaluate(() => history.forward());
      await waitFor('the page after', async () => (await page.evaluate(() => document.title).catch(() => '')) === 'Form', 5_000);
      await overlayWithStart(page, 5_000);
      await sleepMs(1_000);
      expect(await page.evaluate((tag) => document.querySelectorAll(tag).length, HOST_TAG)).toBe(1);
      expect(await presentation(control)).toMatchObject({ surface: 'overlay' });
      expect(await breakWindow(session)).toBeNull();
      await skipPending();
      await page.close();
    });

    it('an event page suspended during a break is woken by the page, and still follows the tab to its next page', async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      await overlayWithStart(page);
      await session.suspendBackground();
      // The break page connects again at once, which starts the event page.
      await waitFor('the event page to run again', async () => (await session.backgroundState()) === 'running', 5_000);
      await page.goto(`${server.url}/form`);
      await overlayWithStart(page, 5_000);
      expect(await breakWindow(session)).toBeNull();
      await skipPending();
      await page.close();
    });

    it('closing the break window before answering counts as a snooze', async () => {
      await session.setIdleTime(0);
      // A page where the overlay's frame never loads: the break goes to its window.
      const page = await session.newPage(`${server.url}/stops-loading`);
      const before = await todaysTally(control);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      const opened = await waitFor('the break window', () => breakWindow(session), 15_000);
      expect(await hasButton(opened, 'Start')).toBe(true);
      await opened.close();
      await waitFor('the break to be snoozed', async () => (await pendingBreakId(control)) === null, 5_000);
      expect(await presentation(control)).toBeUndefined();
      expect((await todaysTally(control)).snoozed ?? 0).toBe((before.snoozed ?? 0) + 1);
      await page.close();
    });

    it('a web page that frames the break page gets an empty page that drives nothing, even when it knows the add-on URL', async () => {
      await session.setIdleTime(0);
      await control.evaluate(() => browser.storage.sync.set({ settings: { version: 1, strict: true } }));
      const page = await session.newPage(`${server.url}/`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      await overlayWithStart(page);
      const breakId = await pendingBreakId(control);
      const before = await todaysTally(control);
      // Firefox's URLs are random per install; a page that somehow knew this one frames it as a window.
      const framer = await session.newPage(`${server.url}/framer?src=${encodeURIComponent(`${session.origin}/${BREAK_PAGE}?surface=window`)}`);
      const framed = await waitForExtensionFrame(framer, BREAK_PAGE, 10_000);
      await sleepMs(500);
      expect(await framed.evaluate(() => document.querySelectorAll('button').length)).toBe(0);
      await framer.keyboard.press('Enter');
      await framer.evaluate(() => document.querySelector('iframe')!.remove());
      // Another of our pages (the popup) may not answer the break either.
      await control.evaluate((id) => browser.runtime.sendMessage({ type: 'break:skip', breakId: id }).catch(() => null), breakId);
      await sleepMs(800);
      expect(await pendingBreakId(control)).toBe(breakId);
      const after = await todaysTally(control);
      expect([after.snoozed ?? 0, after.completed ?? 0]).toEqual([before.snoozed ?? 0, before.completed ?? 0]);
      await framer.close();
      await control.evaluate(() => browser.storage.sync.set({ settings: { version: 1, strict: false } }));
      await skipPending();
      await page.close();
    });

    it('in strict mode, closing the break window snoozes nothing: the break shows again', async () => {
      await session.setIdleTime(0);
      await control.evaluate(() => browser.storage.sync.set({ settings: { version: 1, strict: true } }));
      const page = await session.newPage(`${server.url}/stops-loading`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      const opened = await waitFor('the break window', () => breakWindow(session), 15_000);
      expect(await hasButton(opened, 'Start')).toBe(true);
      const breakId = await pendingBreakId(control);
      await opened.close();
      const again = await waitFor('the break window again', () => breakWindow(session), 10_000);
      expect(await hasButton(again, 'Start')).toBe(true);
      expect(await pendingBreakId(control)).toBe(breakId);
      await control.evaluate(() => browser.storage.sync.set({ settings: { version: 1, strict: false } }));
      await skipPending();
      await page.close();
    });

    it('a page that defined our old element name first learns nothing of the closed shadow root', async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/claims-host`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      await overlayWithStart(page);
      expect(await page.evaluate(whatClaimsHostSaw)).toEqual({ caught: null, roots: 0 });
      await skipPending();
      await page.close();
    });

    it('the break goes back on top of a popover the page opens later', async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/popover-later`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      await overlayWithStart(page);
      await page.evaluate(() => document.getElementById('cover')!.showPopover());
      await waitFor('the break on top again', () => page.evaluate((tag) => document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.matches(tag) ?? false, HOST_TAG), 3_000);
      expect(await presentation(control)).toMatchObject({ surface: 'overlay' });
      await skipPending();
      await page.close();
    });

    it('a modal dialog the page opens later makes everything else inert: the break moves into its window', async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/modal-later`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      await overlayWithStart(page);
      await page.evaluate(() => (document.getElementById('modal') as HTMLDialogElement).showModal());
      const opened = await waitFor('the break window', () => breakWindow(session), 10_000);
      expect(await hasButton(opened, 'Start')).toBe(true);
      expect(await presentation(control)).toMatchObject({ surface: 'window' });
      await skipPending();
      await page.close();
    });

    it('a page busy in a long script gets the break in its window within seconds, and the background answers meanwhile', async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/busy`);
      await page.evaluate(() => (window as unknown as { busyFor(ms: number): void }).busyFor(20_000));
      const askedAt = Date.now();
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      const opened = await waitFor('the break window', () => breakWindow(session), 8_000);
      expect(await hasButton(opened, 'Start')).toBe(true);
      expect(Date.now() - askedAt).toBeLessThan(8_000);
      expect(await presentation(control)).toMatchObject({ surface: 'window' });
      await skipPending();
      await page.close().catch(() => undefined);
    });

    it('browsing wakes nothing while no break is due: page loads, title changes, new tabs and tab switches', async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/`);
      await session.suspendBackground();
      const stillStopped = async (what: string) => {
        await sleepMs(400);
        expect(await session.backgroundState(), `the event page was woken by ${what}`).toBe('stopped');
      };
      for (const path of ['/form', '/', '/form']) {
        await page.goto(`${server.url}${path}`);
        await stillStopped(`loading ${path}`);
      }
      for (const title of ['(1) Inbox', '(2) Inbox', '(3) Inbox']) {
        await page.evaluate((t) => (document.title = t), title);
        await stillStopped(`the title changing to ${title}`);
      }
      const extra = await session.newPage(`${server.url}/`);
      await stillStopped('a new tab');
      await page.bringToFront();
      await stillStopped('switching tabs');
      await extra.close();
      await stillStopped('closing a tab');
      await page.close();
    });

    it("shows the break over a page whose CSS hides everything: the user-origin stylesheet outranks the page's", async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/hostile`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      await overlayWithStart(page);
      expect(await page.evaluate((tag) => document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.matches(tag) ?? false, HOST_TAG)).toBe(true);
      expect(await presentation(control)).toMatchObject({ surface: 'overlay' });
      expect(await breakWindow(session)).toBeNull();
      await skipPending();
      await waitFor('the overlay to go', async () => (await page.evaluate((tag) => document.querySelector(tag), HOST_TAG)) === null);
      await page.close();
    });
  });
});

describeWithBrowser('Firefox: the options page', firefoxAvailable(), () => {
  let page: Page;

  beforeAll(async () => {
    // Start from the defaults (the welcome page above stored an interval).
    await control.evaluate(() => browser.storage.sync.clear());
    page = await session.openExtensionPage(OPTIONS_PAGE);
    await page.waitForSelector('#field-workMinutes');
  });

  it('renders a control for every setting', async () => {
    const rendered = await page.$$eval('[data-setting]', (elements) => elements.map((e) => e.getAttribute('data-setting')));
    expect([...new Set(rendered)].sort()).toEqual([...SETTING_KEYS].sort());
    expect(await page.$eval('#field-workMinutes', (e) => (e as HTMLInputElement).value)).toBe('30');
  });

  it('refuses an invalid value beside its field and saves a valid one', async () => {
    await page.click('#field-workMinutes', { count: 3 });
    await page.type('#field-workMinutes', '500');
    await page.waitForSelector('#field-workMinutes-error');
    expect(await page.$eval('#field-workMinutes-error', (e) => e.textContent)).toBe('Enter a number from 5 to 180.');
    await new Promise((r) => setTimeout(r, 800));
    // Typing "500" passes through "5" and "50": neither is saved, the stored value stays the default.
    expect((await storedSettings(page))?.workMinutes ?? 30).toBe(30);

    await page.click('#field-workMinutes', { count: 3 });
    await page.type('#field-workMinutes', '50');
    await waitFor('workMinutes 50 to be stored', async () => (await storedSettings(page))?.workMinutes === 50);
    expect(await storedSettings(page)).toMatchObject({ version: 1, workMinutes: 50 });
    await page.waitForFunction(() => document.querySelector('#save-status')?.textContent === 'Saved');
    expect(await page.$('#field-workMinutes-error')).toBeNull();
  });

  it('a switch saves at once', async () => {
    await page.click('#field-voice');
    await waitFor('voice on to be stored', async () => (await storedSettings(page))?.voice === true);
  });

  it('the filter narrows the settings to a word of their labels, hides sections without a match, and Escape clears it', async () => {
    const shown = () =>
      page.$$eval('[data-filter-item]', (items) => items.filter((item) => item.getClientRects().length > 0).map((item) => item.getAttribute('data-filter-item')));
    const all = (await shown()).length;
    await page.click('#settings-filter');
    // Upper case and an accent: the filter ignores both.
    await page.type('#settings-filter', 'FULLSCRÉEN');
    await page.waitForFunction(() => document.querySelector('#settings-filter-result')?.textContent === 'Matching settings: 1');
    expect(await shown()).toEqual(['callHoldMinutes']);
    expect(await page.$eval('#section-breaks', (section) => (section as HTMLElement).hidden)).toBe(true);
    expect(await page.$eval('nav a[href="#section-detection"]', (link) => link.getClientRects().length > 0)).toBe(true);

    await page.keyboard.press('Escape');
    await page.waitForFunction(() => (document.querySelector('#settings-filter') as HTMLInputElement).value === '');
    await waitFor('every setting back', async () => (await shown()).length === all);
    // The same layout check as in Chromium: no label, heading or button cut off, with Firefox's fonts.
    const overflowing = await findOverflowingText(page);
    expect(overflowing, describeOverflow(overflowing)).toEqual([]);
  });
});

describeWithBrowser('Firefox: an update or a reload of the add-on is no browser start', firefoxAvailable(), () => {
  /** Read from a fresh extension page: a reload closes every extension page. */
  async function stored(): Promise<{ cycleActiveMs: number; natural: number }> {
    const page = await waitFor('the add-on back', () => session.openExtensionPage(POPUP_PAGE), 20_000);
    const { schedule, history } = (await page.evaluate(() => browser.storage.local.get(['schedule', 'history']))) as {
      schedule: { cycleActiveMs: number };
      history?: Record<string, { natural: number }>;
    };
    await page.close();
    return { cycleActiveMs: schedule.cycleActiveMs, natural: Object.values(history ?? {}).reduce((sum, day) => sum + day.natural, 0) };
  }

  it('the cycle goes on through a reload and through an update to a new version: no natural break, no lost time', async () => {
    await session.setIdleTime(0);
    // A long cycle and a natural-break threshold shorter than the quiet spells below.
    await control.evaluate((o) => browser.storage.local.set({ devOverrides: o }), { workSeconds: 3_600, naturalBreakSeconds: 2 } satisfies DevOverrides);
    const before = await stored();
    await sleepMs(3_000);
    await session.setIdleTime(0);
    const page = await session.openExtensionPage(POPUP_PAGE);
    await page.evaluate(() => (browser as unknown as { runtime: { reload(): void } }).runtime.reload()).catch(() => undefined);
    await sleepMs(2_500);
    const afterReload = await stored();
    expect(afterReload.natural).toBe(before.natural);
    expect(afterReload.cycleActiveMs).toBeGreaterThan(before.cycleActiveMs + 2_500);

    // An update: the add-on installed again from a folder with a newer version.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-ff-update-'));
    fs.cpSync(FIREFOX_DIST, copy, { recursive: true });
    const manifestFile = path.join(copy, 'manifest.json');
    fs.writeFileSync(manifestFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifestFile, 'utf8')), version: '9.9.9' }));
    await sleepMs(3_000);
    await session.setIdleTime(0);
    await session.browser.installExtension(copy);
    await sleepMs(2_500);
    const afterUpdate = await stored();
    fs.rmSync(copy, { recursive: true, force: true });
    expect(afterUpdate.natural).toBe(before.natural);
    expect(afterUpdate.cycleActiveMs).toBeGreaterThan(afterReload.cycleActiveMs + 2_500);
  });
});
