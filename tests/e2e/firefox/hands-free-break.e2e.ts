// A hands-free break in Firefox ESR (its idle API works headless): a break as long as the away threshold, Start,
// then no input until the routine ends → one completed break, no natural break, the Done screen still up.
//
// Puppeteer's clicks are not input to Firefox's idle service: the test sets the last input itself, as the
// break is asked for, so the still spell starts just before the routine and overlaps all of it.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, FIREFOX_DIST, sleep, todayKey, waitFor, type DevOverrides, type Schedule, type Tally } from '../support/extension';
import { clickButton, closeWelcomeTab, firefoxAvailable, launchFirefox, type FirefoxSession } from '../support/firefox';
import { BREAK_PAGE, POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

/** Firefox's minimum idle detection interval. */
const IDLE_DETECTION_S = 15;
/** The break and the away threshold are the same length: the boundary the bug lived on. */
const BREAK_S = 20;
const CLOCK: DevOverrides = { workSeconds: 600, breakSeconds: BREAK_S, naturalBreakSeconds: BREAK_S };
/** The prompt waits this long before Start, so the spell (dated from the last input) starts well before the routine. */
const BEFORE_START_MS = 3_000;

declare const browser: {
  storage: {
    local: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
    sync: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

describeWithBrowser('Firefox: a hands-free break is completed', firefoxAvailable(), () => {
  let session: FirefoxSession;
  let control: Page;

  const schedule = async () => control.evaluate(async () => (await browser.storage.local.get('schedule')).schedule as Schedule);
  const tally = async (): Promise<Tally> => {
    const history = await control.evaluate(async () => (await browser.storage.local.get('history')).history as Record<string, Tally> | undefined);
    return { activeMs: 0, completed: 0, snoozed: 0, skipped: 0, natural: 0, held: 0, ...history?.[todayKey()] };
  };

  /** The break in its own window (no host access: no overlay). */
  async function breakWindow(): Promise<Page | null> {
    for (const p of await session.browser.pages()) {
      const url = await Promise.race([p.evaluate(() => location.href), sleep(300).then(() => '')]).catch(() => '');
      if (url.includes(BREAK_PAGE) && url.includes('surface=window')) return p;
    }
    return null;
  }

  beforeAll(async () => {
    session = await launchFirefox({ extensionDir: FIREFOX_DIST, prefs: { 'extensions.originControls.grantByDefault': false } });
    await closeWelcomeTab(session);
    control = await session.openExtensionPage(POPUP_PAGE);
  });

  afterAll(async () => {
    await session?.close();
  });

  it(`a ${BREAK_S} s break with a ${BREAK_S} s away threshold and no input during it: one completed break, no natural break`, async () => {
    await session.setIdleTime(0);
    const changedAt = Date.now();
    await control.evaluate(
      async ({ clock, seconds }) => {
        const { settings } = (await browser.storage.sync.get('settings')) as { settings?: object };
        await browser.storage.sync.set({ settings: { ...settings, version: 1, idleDetectionSeconds: seconds, sound: false, voice: false } });
        await browser.storage.local.set({ devOverrides: clock });
      },
      { clock: CLOCK, seconds: IDLE_DETECTION_S },
    );
    await waitFor('the new timing to be stepped', async () => (await schedule()).lastSeenAt >= changedAt);

    // The last input, then the break asked for.
    await session.setIdleTime(0);
    await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
    const due = await waitFor('a pending break', async () => {
      const st = await schedule();
      return st.mode.kind === 'due' ? st : null;
    });
    if (due.mode.kind !== 'due') throw new Error('unreachable');
    const window = await waitFor('the break window', breakWindow, 15_000);
    await sleep(Math.max(0, due.mode.dueSince + BEFORE_START_MS - Date.now()));
    await clickButton(window, 'Start');
    await waitFor('the routine to run', async () => {
      const st = await schedule();
      return st.mode.kind === 'due' && st.mode.startedAt !== null;
    });

    // Nobody touches anything: the idle API reports the spell while the routine plays.
    const idle = await waitFor('the background to record idle', async () => {
      const st = await schedule();
      return st.activity === 'idle' ? st : null;
    }, (IDLE_DETECTION_S + 10) * 1000);
    expect(idle.awaySince).toBeLessThan(due.mode.dueSince + BEFORE_START_MS);

    const resolved = await waitFor('the break to be resolved', async () => {
      const today = await tally();
      return today.completed + today.natural > 0 ? today : null;
    }, (BREAK_S + 15) * 1000);
    expect(resolved).toMatchObject({ completed: 1, natural: 0 });
    // The spell is past the threshold now; nothing may turn it into a natural break, nor take Done down.
    await sleep(2_000);
    expect(await tally()).toMatchObject({ completed: 1, natural: 0 });
    const after = await schedule();
    expect(after.mode.kind).toBe('working');
    expect(Date.now() - after.awaySince!).toBeGreaterThan(BREAK_S * 1000);
    expect(await window.evaluate(() => document.querySelector('h1')?.textContent)).toBe('Nicely done');

    // Back at the keyboard: still one completed break and no natural one. Done closes (by hand, unless it already closed itself).
    await session.setIdleTime(0);
    await waitFor('the background to record activity again', async () => (await schedule()).activity === 'active');
    expect(await tally()).toMatchObject({ completed: 1, natural: 0 });
    await clickButton(window, 'Close').catch(() => undefined);
    await waitFor('no break window', async () => (await breakWindow()) === null);
  });
});
