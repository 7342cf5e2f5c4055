// A hands-free break in a headed Chromium under its own Xvfb (real chrome.idle): a break as long as the away
// threshold, Start, then no input until the routine ends → one completed break, no natural break, Done on screen.
//
// Headless Chromium always reports "active", so the still spell the bug needs only exists headed. Playwright's
// clicks are not X input: the spell is dated from the last real input (xdotool), just before the break was
// asked for, so it overlaps the running routine from its Start by a margin no timing jitter can close.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { breakPages, chromiumAvailable, closeWelcomeTab, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, sleep, todayKey, waitFor, type DevOverrides, type Schedule, type Tally } from '../support/extension';
import { POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

const IDLE_DETECTION_S = 15;
/** The break and the away threshold are the same length: the boundary the bug lived on. */
const BREAK_S = 20;
const CLOCK: DevOverrides = { workSeconds: 600, breakSeconds: BREAK_S, naturalBreakSeconds: BREAK_S };
/** The prompt waits this long before Start, so the spell (dated from the last input) starts well before the routine. */
const BEFORE_START_MS = 3_000;

declare const chrome: {
  storage: {
    local: { get(keys: string[] | string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
    sync: { get(keys: string[] | string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

describeWithBrowser('Chromium (headed, Xvfb): a hands-free break is completed', chromiumAvailable({ headed: true }), () => {
  let session: ChromiumSession;
  let control: Page;

  const schedule = async () => control.evaluate(async () => (await chrome.storage.local.get('schedule')).schedule as Schedule);
  const tally = async (): Promise<Tally> => {
    const history = await control.evaluate(async () => (await chrome.storage.local.get('history')).history as Record<string, Tally> | undefined);
    return { activeMs: 0, completed: 0, snoozed: 0, skipped: 0, natural: 0, held: 0, ...history?.[todayKey()] };
  };

  beforeAll(async () => {
    session = await launchChromium({ extensionDir: CHROME_DIST, headless: false });
    await closeWelcomeTab(session);
    control = await session.openExtensionPage(POPUP_PAGE);
  });

  afterAll(async () => {
    await session?.close();
  });

  it(`a ${BREAK_S} s break with a ${BREAK_S} s away threshold and no input during it: one completed break, no natural break`, async () => {
    await session.xdotool('mousemove', '100', '100');
    const changedAt = Date.now();
    await control.evaluate(
      async ({ clock, seconds }) => {
        const { settings } = (await chrome.storage.sync.get('settings')) as { settings?: object };
        // Sound and voice off: Chromium on Linux counts a page playing audio as activity, so no spell would begin.
        await chrome.storage.sync.set({ settings: { ...settings, version: 1, idleDetectionSeconds: seconds, sound: false, voice: false } });
        await chrome.storage.local.set({ devOverrides: clock });
      },
      { clock: CLOCK, seconds: IDLE_DETECTION_S },
    );
    await waitFor('the new timing to be stepped', async () => (await schedule()).lastSeenAt >= changedAt);

    // The last real input, then the break asked for.
    await session.xdotool('mousemove', '200', '200');
    await control.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
    const due = await waitFor('a pending break', async () => {
      const st = await schedule();
      return st.mode.kind === 'due' ? st : null;
    });
    if (due.mode.kind !== 'due') throw new Error('unreachable');
    const breakPage = await waitFor('the break page', async () => breakPages(session)[0] ?? null);
    await sleep(Math.max(0, due.mode.dueSince + BEFORE_START_MS - Date.now()));
    await breakPage.getByRole('button', { name: /^Start/ }).click();
    await waitFor('the routine to run', async () => {
      const st = await schedule();
      return st.mode.kind === 'due' && st.mode.startedAt !== null;
    });

    // Nobody touches anything: the idle API reports the spell while the routine plays.
    const idle = await waitFor('the background to record idle during the routine', async () => ((await schedule()).activity === 'idle' ? schedule() : null), (IDLE_DETECTION_S + 10) * 1000);
    expect(idle.mode.kind).toBe('due');
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
    expect(after.activity).toBe('idle');
    expect(Date.now() - after.awaySince!).toBeGreaterThan(BREAK_S * 1000);
    await expect(breakPage.getByRole('heading', { name: 'Nicely done' }).isVisible()).resolves.toBe(true);

    // Back at the keyboard: still one completed break and no natural one. Done closes (by hand, unless it already closed itself).
    await session.xdotool('mousemove', '400', '300');
    await waitFor('the background to record activity again', async () => (await schedule()).activity === 'active');
    expect(await tally()).toMatchObject({ completed: 1, natural: 0 });
    await breakPage.getByRole('button', { name: 'Close' }).click({ timeout: 5_000 }).catch(() => undefined);
    await waitFor('no break page', async () => breakPages(session).length === 0);
  });
});
