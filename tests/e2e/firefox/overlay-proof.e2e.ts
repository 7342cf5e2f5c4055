// The overlay must prove that it shows, in real Firefox ESR: where its break page does not connect (a frame that failed
// to load) or the page hides it, the break moves into its window within seconds and the tab is usable again.
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, FIREFOX_DIST, todaysTallyInPage, waitFor } from '../support/extension';
import { answerBreak, firefoxAvailable, launchFirefox, waitForExtensionFrame, type FirefoxSession } from '../support/firefox';
import { attackedHostGone, clickTapButton, startTestServer, type TestServer } from '../support/server';
import { BREAK_PAGE, POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

const HOST_TAG = '[data-unhunch-break]';
/** The promise: visible over the page or in its window within this long. */
const PROOF_MS = 3_000;

declare const browser: {
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
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

async function startedAt(): Promise<number | null> {
  return control.evaluate(async () => {
    const { schedule } = (await browser.storage.local.get('schedule')) as { schedule?: { mode: { kind: string; startedAt?: number | null } } };
    return schedule?.mode.kind === 'due' ? (schedule.mode.startedAt ?? null) : null;
  });
}

async function todaysTally(): Promise<Record<string, number>> {
  return control.evaluate(todaysTallyInPage);
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

beforeAll(async () => {
  if (!firefoxAvailable()) return;
  server = await startTestServer();
  session = await launchFirefox({ extensionDir: FIREFOX_DIST });
  control = await session.openExtensionPage(POPUP_PAGE);
  // The user allows breaks over pages from the popup (a real click: permissions need a gesture).
  await control.waitForSelector('#allow-overlay');
  await control.click('#allow-overlay');
  await control.waitForSelector('#allow-overlay', { hidden: true });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describeWithBrowser('Firefox: the overlay proves that it shows', firefoxAvailable(), () => {
  it('has access to pages (the overlay can be offered at all)', async () => {
    expect(await control.evaluate(() => browser.permissions.contains({ origins: ['<all_urls>'] }))).toBe(true);
  });

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

  /**
   * Where the break can be seen and used within PROOF_MS of the page's attack: its window showing Start, or the overlay,
   * where a real click on Start starts the routine (a cover would take the click).
   */
  async function usableBreak(page: Page): Promise<'window' | 'overlay'> {
    return waitFor(
      'the break, visible and usable',
      async () => {
        const opened = await breakWindow();
        if (opened && (await showsStart(opened))) return 'window' as const;
        // A click before this one may have started it (the background records it a moment later).
        if ((await startedAt()) !== null) return 'overlay' as const;
        const frame = await waitForExtensionFrame(page, BREAK_PAGE, 200).catch(() => null);
        // The frame fills the viewport from its top left corner: its coordinates are the page's.
        const start = await frame
          ?.evaluate(() => {
            const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Start'));
            const rect = button?.getBoundingClientRect();
            return rect && rect.width > 0 ? { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 } : null;
          })
          .catch(() => null);
        if (start) await page.mouse.click(start.x, start.y);
        return null;
      },
      PROOF_MS,
    );
  }

  const ATTACKS: [name: string, attack: string, coversPage: boolean][] = [
    ['the host moved under a display: none ancestor', 'displayNoneAncestor', false],
    ["the host moved into the page's shadow root", 'intoShadowRoot', false],
    ["the host's ::before and ::after drawn over the break (adoptedStyleSheets)", 'pseudoElementCover', false],
    ["a popover in the page's shadow root", 'shadowPopover', true],
    ["a modal dialog in the page's shadow root", 'shadowModal', true],
    ['<html> hidden by a stylesheet rule', 'htmlHiddenByRule', true],
  ];

  for (const [name, attack, coversPage] of ATTACKS) {
    it(`${name}: the break is seen over the page or in its window within 3 s, the history unchanged, the tab usable after`, async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/attacks`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      await waitFor('the overlay', () => visibleBreak(page).then((where) => where === 'overlay'), 10_000);
      const breakId = await pendingBreakId();
      const tallyBefore = await todaysTally();
      const attackedAt = Date.now();
      await page.evaluate((which) => (window as unknown as { attacks: Record<string, () => void> }).attacks[which]!(), attack);
      const where = await usableBreak(page);
      expect(Date.now() - attackedAt).toBeLessThan(PROOF_MS + 1_000);
      expect(await presentation()).toMatchObject({ surface: where });
      expect(await pendingBreakId()).toBe(breakId);
      expect(await todaysTally()).toEqual(tallyBefore);
      await answerBreak(session, { type: 'break:skip', breakId: breakId! });
      await waitFor('the break skipped', async () => (await pendingBreakId()) !== breakId);
      await waitFor('the overlay to go', async () => (await page.evaluate(attackedHostGone)) || null, 3_000);
      if (!coversPage) await clickTapButton(page);
      await page.close();
    });
  }

  // The lures: a page draws a fake button ("Continue reading", "Press Esc to close") over the break, see-through to
  // clicks (a view transition's pseudo-elements sit above the top layer; with pointer-events: none a click lands on
  // what is beneath), and waits for the person to aim at it. The overlay script sees the transition start: from then on
  // the break takes no input, and within about a second it moves to its window.
  const LURES: [name: string, lure: (page: Page, skip: { x: number; y: number }) => Promise<void>][] = [
    ['a click aimed at the cover, over Skip', (page, skip) => page.mouse.click(skip.x, skip.y)],
    ['Escape pressed as the cover asks', (page) => page.keyboard.press('Escape')],
  ];

  for (const [name, lure] of LURES) {
    it(`a see-through cover over the break: ${name} does nothing; the break is in its window within 3 s, the history unchanged, the tab usable after`, async () => {
      await session.setIdleTime(0);
      const page = await session.newPage(`${server.url}/attacks`);
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      await waitFor('the overlay', () => visibleBreak(page).then((where) => where === 'overlay'), 10_000);
      const frame = await waitForExtensionFrame(page, BREAK_PAGE, 2_000);
      // Seen long enough: until the cover comes, Skip would count.
      await frame.waitForSelector('html[data-input="answered"]', { timeout: 5_000 });
      // The frame fills the viewport from its top left corner: its coordinates are the page's.
      const skip = await frame.evaluate(() => {
        const rect = [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Skip'))!.getBoundingClientRect();
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      });
      const breakId = await pendingBreakId();
      const tallyBefore = await todaysTally();

      const attackedAt = Date.now();
      await page.evaluate(() => (window as unknown as { attacks: Record<string, () => void> }).attacks.seeThroughCover!());
      await frame.waitForSelector('html[data-input="not-yet"]', { timeout: 1_000 });
      console.log(`[lure] covered break noticed ${Date.now() - attackedAt} ms after the cover came`);
      await lure(page, skip);

      await waitFor('the break in its window', async () => (await breakWindow()) !== null && (await showsStart((await breakWindow())!)), PROOF_MS);
      expect(Date.now() - attackedAt).toBeLessThan(PROOF_MS + 1_000);
      expect(await presentation()).toMatchObject({ surface: 'window' });
      expect(await pendingBreakId()).toBe(breakId);
      expect(await todaysTally()).toEqual(tallyBefore);
      await answerBreak(session, { type: 'break:skip', breakId: breakId! });
      await waitFor('the break skipped', async () => (await pendingBreakId()) !== breakId);
      await waitFor('the overlay to go', async () => (await page.evaluate(attackedHostGone)) || null, 3_000);
      // While its transition runs the page takes no clicks either; once it ends it, nothing of ours is in the way.
      await page.evaluate(() => (window as unknown as { attacks: Record<string, () => void> }).attacks.endSeeThroughCover!());
      await clickTapButton(page);
      await page.close();
    });
  }
});

