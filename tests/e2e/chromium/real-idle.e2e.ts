// Real chrome.idle in a headed Chromium under its own Xvfb: no input → idle (dated from the last input),
// away past the natural-break threshold → a natural break when input (xdotool) comes back, then counting resumes.
//
// Slow by nature (the idle API's minimum detection interval is 15 s): keep this the only test of its kind.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, sleep, todayKey, waitFor, type DevOverrides, type Schedule } from '../support/extension';
import { POPUP_PAGE, WELCOME_PAGE } from '../../../src/core/contracts/extension-paths';

const IDLE_DETECTION_S = 15;
const NATURAL_BREAK_S = 20;
const CLOCK: DevOverrides = { workSeconds: 600, naturalBreakSeconds: NATURAL_BREAK_S };

declare const chrome: {
  storage: {
    local: { get(keys: string[] | string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
    sync: { get(keys: string[] | string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
  };
};

describeWithBrowser('Chromium (headed, Xvfb): real idle detection', chromiumAvailable({ headed: true }), () => {
  let session: ChromiumSession;
  let control: Page;

  const schedule = async () => control.evaluate(async () => (await chrome.storage.local.get('schedule')).schedule as Schedule);
  const naturalToday = async () =>
    control.evaluate(async (key) => {
      const { history } = (await chrome.storage.local.get('history')) as { history?: Record<string, { natural: number }> };
      return history?.[key]?.natural ?? 0;
    }, todayKey());

  beforeAll(async () => {
    session = await launchChromium({ extensionDir: CHROME_DIST, headless: false });
    const welcome =
      session.context.pages().find((p) => p.url().endsWith(WELCOME_PAGE)) ??
      (await session.context.waitForEvent('page', { predicate: (p) => p.url().endsWith(WELCOME_PAGE), timeout: 15_000 }));
    await welcome.close();
    control = await session.openExtensionPage(POPUP_PAGE);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('no input for 15 s → idle dated from the last input; input after > 20 s away → a natural break, then counting resumes', async () => {
    // Input first, so the X server has not been idle long enough to report before the last input below.
    await session.xdotool('mousemove', '100', '100');
    const changedAt = Date.now();
    await control.evaluate(
      async ({ clock, seconds }) => {
        const { settings } = (await chrome.storage.sync.get('settings')) as { settings?: object };
        // The background reapplies the detection interval when the settings change.
        await chrome.storage.sync.set({ settings: { ...settings, version: 1, idleDetectionSeconds: seconds } });
        await chrome.storage.local.set({ devOverrides: clock });
      },
      { clock: CLOCK, seconds: IDLE_DETECTION_S },
    );
    await waitFor('the new timing to be stepped', async () => (await schedule()).lastSeenAt >= changedAt);
    // The last input: only real X input counts for chrome.idle (not Playwright's CDP input).
    await session.xdotool('mousemove', '200', '200');
    const lastInputAt = Date.now();
    expect(await naturalToday()).toBe(0);

    const idle = await waitFor(
      'the background to record idle',
      async () => {
        const st = await schedule();
        return st.activity === 'idle' ? st : null;
      },
      (IDLE_DETECTION_S + 10) * 1000,
    );
    const reportedAt = idle.lastSeenAt;
    console.info(`[real idle] idle reported ${reportedAt - lastInputAt} ms after the last input; awaySince - lastInput = ${idle.awaySince! - lastInputAt} ms`);
    expect(reportedAt - lastInputAt).toBeGreaterThanOrEqual(IDLE_DETECTION_S * 1000 - 1_000);
    // The spell is dated from the last input, one detection interval before the report.
    expect(idle.awaySince).not.toBeNull();
    expect(reportedAt - idle.awaySince!).toBe(IDLE_DETECTION_S * 1000);
    expect(Math.abs(idle.awaySince! - lastInputAt)).toBeLessThan(2_500);
    expect(idle.mode.kind).toBe('working');

    // Away past the natural-break threshold, then back.
    await sleep(Math.max(0, lastInputAt + NATURAL_BREAK_S * 1000 + 1_500 - Date.now()));
    await session.xdotool('mousemove', '400', '300');
    const backAt = Date.now();
    const back = await waitFor(
      'the background to record activity again',
      async () => {
        const st = await schedule();
        return st.activity === 'active' ? st : null;
      },
      10_000,
    );
    console.info(`[real idle] back: ${JSON.stringify(back)}`);
    expect(back.awaySince).toBeNull();
    expect(back.mode.kind).toBe('working');
    expect(back.cycleActiveMs).toBeLessThan(2_000);
    expect(back.settledAt).toBeGreaterThanOrEqual(backAt - 1_000);
    expect(await naturalToday()).toBe(1);

    // Counting resumes: a little later the cycle has grown (a timing change makes the background settle it).
    await sleep(2_000);
    await control.evaluate((clock) => chrome.storage.local.set({ devOverrides: clock }), { ...CLOCK, workSeconds: 599 });
    const later = await waitFor('the cycle to be settled again', async () => {
      const st = await schedule();
      return st.settledAt > back.settledAt ? st : null;
    });
    expect(later.activity).toBe('active');
    expect(later.cycleActiveMs).toBeGreaterThanOrEqual(back.cycleActiveMs + 1_500);
    expect(later.alarmAt).toBe(later.settledAt + 599_000 - later.cycleActiveMs);
    expect(await naturalToday()).toBe(1);
  });
});
