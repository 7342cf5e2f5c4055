// A hands-free break in real Chromium (headed, under its own Xvfb) and Firefox ESR (its idle API works headless): a
// break as long as the away threshold, Start, then no input until the routine ends → one completed break, no natural
// break, the Done screen still up.
//
// Neither library's clicks are input to the browser's idle service: the still spell is dated from the last real input
// (`userInput`: xdotool on Chromium's Xvfb, Firefox's idle service told directly), just before the break was asked
// for, so it overlaps the running routine from its Start by a margin no timing jitter can close.
import { expect, it } from 'vitest';
import { sleep, todayKey, waitFor, type DevOverrides, type Schedule, type Tally } from '../support/extension';
import { describeInEachBrowser, type ExtensionApi } from '../support/session';
import { HISTORY_KEY, SCHEDULE_KEY } from '../../../src/core/contracts/storage-keys';

/** Both browsers' minimum idle detection interval. */
const IDLE_DETECTION_S = 15;
/** The break and the away threshold are the same length: the boundary the bug lived on. */
const BREAK_S = 20;
const CLOCK: DevOverrides = { workSeconds: 600, breakSeconds: BREAK_S, naturalBreakSeconds: BREAK_S };
/** The prompt waits this long before Start, so the spell (dated from the last input) starts well before the routine. */
const BEFORE_START_MS = 3_000;

declare const browser: ExtensionApi;

describeInEachBrowser('a hands-free break is completed', { realIdle: true }, (session) => {
  const schedule = async () => (await session().readLocal<Schedule>(SCHEDULE_KEY))!;
  const tally = async (): Promise<Tally> => {
    const history = await session().readLocal<Record<string, Tally>>(HISTORY_KEY);
    return { activeMs: 0, completed: 0, snoozed: 0, skipped: 0, natural: 0, held: 0, ...history?.[todayKey()] };
  };

  it(`a ${BREAK_S} s break with a ${BREAK_S} s away threshold and no input during it: one completed break, no natural break`, async () => {
    await session().userInput();
    const changedAt = Date.now();
    await session().control.evaluate(
      async ({ clock, seconds }) => {
        const { settings } = (await browser.storage.sync.get('settings')) as { settings?: object };
        // Sound and voice off: Chromium on Linux counts a page playing audio as activity, so no spell would begin.
        await browser.storage.sync.set({ settings: { ...settings, version: 1, idleDetectionSeconds: seconds, sound: false, voice: false } });
        await browser.storage.local.set({ devOverrides: clock });
      },
      { clock: CLOCK, seconds: IDLE_DETECTION_S },
    );
    await waitFor('the new timing to be stepped', async () => (await schedule()).lastSeenAt >= changedAt);

    // The last real input, then the break asked for (no host access: in its own window).
    await session().userInput();
    await session().send({ type: 'break:now' });
    const due = await waitFor('a pending break', async () => {
      const st = await schedule();
      return st.mode.kind === 'due' ? st : null;
    });
    if (due.mode.kind !== 'due') throw new Error('unreachable');
    const breakPage = await waitFor('the break window', async () => (await session().breakPages())[0]);
    await sleep(Math.max(0, due.mode.dueSince + BEFORE_START_MS - Date.now()));
    await breakPage.clickButton('Start');
    await waitFor('the routine to run', async () => {
      const st = await schedule();
      return st.mode.kind === 'due' && st.mode.startedAt !== null;
    });

    // Nobody touches anything: the idle API reports the spell while the routine plays.
    const idle = await waitFor('the background to record idle during the routine', async () => {
      const st = await schedule();
      return st.activity === 'idle' ? st : null;
    }, (IDLE_DETECTION_S + 10) * 1000);
    expect(idle.mode.kind).toBe('due');
    expect(idle.awaySince).toBeLessThan(due.mode.dueSince + BEFORE_START_MS);

    const resolved = await waitFor('the break to be resolved', async () => {
      const today = await tally();
      return today.completed + today.natural > 0 ? today : null;
    }, (BREAK_S + 15) * 1000);
    expect(resolved).toMatchObject({ completed: 1, natural: 0 });
    // The spell is past the threshold now; nothing may turn it into a natural break, nor take Done down. (A while to
    // watch for something that must not happen: there is no state to wait for.)
    await sleep(2_000);
    expect(await tally()).toMatchObject({ completed: 1, natural: 0 });
    const after = await schedule();
    expect(after.mode.kind).toBe('working');
    expect(after.activity).toBe('idle');
    expect(Date.now() - after.awaySince!).toBeGreaterThan(BREAK_S * 1000);
    // Done is still there: its heading shown, and visible (a page that had gone would never show it).
    await waitFor('the Done screen, visible', () =>
      breakPage.evaluate(() => {
        const heading = document.querySelector('h1');
        return heading?.textContent === 'Nicely done' && heading.checkVisibility();
      }), 2_000);

    // Back at the keyboard: still one completed break and no natural one. Done closes (by hand, unless it already closed itself).
    await session().userInput();
    await waitFor('the background to record activity again', async () => (await schedule()).activity === 'active');
    expect(await tally()).toMatchObject({ completed: 1, natural: 0 });
    await breakPage.clickButton('Close', 5_000).catch(() => undefined);
    await waitFor('no break window', async () => (await session().breakPages()).length === 0);
  });
});
