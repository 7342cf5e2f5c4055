// "I'm in a call" in the toolbar popup holds the due break, in real Chromium: nothing on screen while the call goes
// on, the popup and its "Show the break" button release it at once. (Chromium reports no camera or microphone use
// to extensions; Firefox's detected call is in tests/e2e/firefox/call-hold.e2e.ts.)
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { answerBreak, chromiumAvailable, closeWelcomeTab, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, SCREENSHOTS_DIR, todayKey, waitFor, type DevOverrides, type Schedule, type Tally } from '../support/extension';
import { POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

const CLOCK: DevOverrides = { workSeconds: 5, breakSeconds: 4, callSettleSeconds: 2 };

declare const chrome: {
  storage: { local: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
};

describeWithBrowser('Chromium: the manual call hold', chromiumAvailable(), () => {
  let session: ChromiumSession;
  let control: Page;

  const schedule = async () => control.evaluate(async () => (await chrome.storage.local.get('schedule')).schedule as Schedule);
  const presentation = async () => control.evaluate(async () => (await chrome.storage.local.get('presentation')).presentation as object | undefined);
  const heldToday = async () =>
    control.evaluate(async (day) => ((await chrome.storage.local.get('history')).history as Record<string, Tally> | undefined)?.[day]?.held ?? 0, todayKey());

  beforeAll(async () => {
    session = await launchChromium({ extensionDir: CHROME_DIST });
    await closeWelcomeTab(session);
    control = await session.openExtensionPage(POPUP_PAGE);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('"I\'m in a call" holds the due break; the popup says so, and "Show the break" releases it', async () => {
    // The popup as a tab of its own: its buttons close it (window.close) when they are done.
    const popup = await session.openExtensionPage(POPUP_PAGE);
    await popup.getByRole('button', { name: "I'm in a call" }).click();
    await popup.getByRole('button', { name: 'Until I end it' }).click();
    await popup.getByTestId('in-call').waitFor();
    expect(await schedule()).toMatchObject({ callManual: true, callManualUntil: null });
    await control.evaluate((o) => chrome.storage.local.set({ devOverrides: o }), CLOCK);
    const held = await waitFor('the due break, held', async () => {
      const st = await schedule();
      return st.mode.kind === 'due' && st.mode.heldSince !== null ? st.mode : null;
    });
    expect(await presentation()).toBeUndefined();
    expect(await heldToday()).toBe(1);
    await popup.getByText('Your break waits until your call ends').waitFor();
    await popup.screenshot({ path: `${SCREENSHOTS_DIR}/chromium-popup-break-held.png` });
    // The person's word needs no re-check: still held well past the settle time.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(await presentation()).toBeUndefined();

    await popup.getByRole('button', { name: 'Show the break' }).click();
    await waitFor('the released break on screen', async () => (await presentation()) !== undefined);
    expect((await schedule()).mode).toMatchObject({ kind: 'due', breakId: held.breakId, heldSince: null });
    await control.evaluate(() => chrome.storage.local.set({ devOverrides: { workSeconds: 3_600 } }));
    await answerBreak(session, { type: 'break:skip', breakId: held.breakId });
    await waitFor('the cycle to restart', async () => (await schedule()).mode.kind === 'working');
  });
});
