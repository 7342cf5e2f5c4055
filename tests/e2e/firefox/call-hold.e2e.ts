// A call holds the due break, in real Firefox ESR: a page capturing a (fake) microphone holds it, and it shows about
// a settle time after the capture ends; "I'm in a call" in the popup holds it too, and "Show the break" releases it.
//
// Firefox's fake media streams (`media.navigator.streams.fake`) stand in for a call in a web meeting. The permission
// goes through Firefox's own path (`media.navigator.permission.fake` answers the prompt, the origin is granted the
// microphone): with the prompt turned off altogether (`media.navigator.permission.disabled`, which the driver sets)
// Firefox never tells its sharing indicators, and `tabs.query({ microphone: true })` finds nothing. The settle time ("about a minute") follows the test clock: devOverrides.callSettleSeconds.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, FIREFOX_DIST, SCREENSHOTS_DIR, todayKey, waitFor, type DevOverrides, type Schedule, type Tally } from '../support/extension';
import { answerBreak, closeWelcomeTab, firefoxAvailable, launchFirefox, type FirefoxSession } from '../support/firefox';
import { startTestServer, TEST_PAGES, type TestServer } from '../support/server';
import { POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

const SETTLE_S = 3;
const CLOCK: DevOverrides = { workSeconds: 6, breakSeconds: 4, callSettleSeconds: SETTLE_S };
/** No scheduled break while a test sets itself up. */
const SLOW_CLOCK: DevOverrides = { workSeconds: 3_600, callSettleSeconds: SETTLE_S };

const PAGES: Record<string, string> = {
  ...TEST_PAGES,
  // A web meeting, as far as the browser can tell: a tab capturing the microphone.
  '/meeting': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Meeting</title></head>
<body><h1>Meeting</h1><script>
window.startCall = async () => { window.call = await navigator.mediaDevices.getUserMedia({ audio: true }); return window.call.getAudioTracks().length; };
window.endCall = () => { for (const track of window.call.getTracks()) track.stop(); window.call = null; };
</script></body></html>`,
};

declare const browser: {
  storage: { local: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

describeWithBrowser('Firefox: a call holds the due break', firefoxAvailable(), () => {
  let session: FirefoxSession;
  let server: TestServer;
  let control: Page;

  const schedule = async () => control.evaluate(async () => (await browser.storage.local.get('schedule')).schedule as Schedule);
  const presentation = async () => control.evaluate(async () => (await browser.storage.local.get('presentation')).presentation as { surface: string } | undefined);
  const heldToday = async () =>
    control.evaluate(async (day) => ((await browser.storage.local.get('history')).history as Record<string, Tally> | undefined)?.[day]?.held ?? 0, todayKey());
  const setClock = (o: DevOverrides) => control.evaluate((v) => browser.storage.local.set({ devOverrides: v }), o);
  const send = (message: unknown) => control.evaluate((m) => browser.runtime.sendMessage(m), message as never);
  const heldBreak = () =>
    waitFor('the due break, held', async () => {
      const st = await schedule();
      return st.mode.kind === 'due' && st.mode.heldSince !== null ? st.mode : null;
    }, 20_000);

  /** A fresh cycle on the slow clock, no break pending or on screen. */
  async function freshCycle(): Promise<void> {
    await setClock(SLOW_CLOCK);
    const st = await schedule();
    if (st.mode.kind === 'due') await send({ type: 'break:now' });
    const due = await schedule();
    if (due.mode.kind === 'due') await answerBreak(session, { type: 'break:skip', breakId: due.mode.breakId });
    await waitFor('a fresh cycle', async () => (await schedule()).mode.kind === 'working' && (await presentation()) === undefined);
  }

  beforeAll(async () => {
    server = await startTestServer(PAGES);
    session = await launchFirefox({
      extensionDir: FIREFOX_DIST,
      prefs: { 'media.navigator.streams.fake': true, 'media.navigator.permission.fake': true, 'media.navigator.permission.disabled': false },
    });
    await session.chromeEval(`(() => {
      const origin = Services.scriptSecurityManager.createContentPrincipalFromOrigin(${JSON.stringify(server.url)});
      Services.perms.addFromPrincipal(origin, 'microphone', Services.perms.ALLOW_ACTION);
      return '1';
    })()`);
    await closeWelcomeTab(session);
    control = await session.openExtensionPage(POPUP_PAGE);
    await setClock(SLOW_CLOCK);
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('a tab capturing the microphone holds the due break; it shows a settle time after the capture ends', async () => {
    await freshCycle();
    const meeting = await session.newPage(`${server.url}/meeting`);
    expect(await meeting.evaluate(() => (window as unknown as { startCall(): Promise<number> }).startCall())).toBe(1);
    const heldBefore = await heldToday();
    await setClock(CLOCK);
    const held = await heldBreak();
    // Held: nothing on screen, and it stays so while the call goes on (it looks again every settle time).
    expect(await presentation()).toBeUndefined();
    await new Promise((r) => setTimeout(r, (SETTLE_S * 2 + 1) * 1000));
    expect(await presentation()).toBeUndefined();
    expect((await schedule()).mode).toMatchObject({ kind: 'due', breakId: held.breakId, heldSince: held.heldSince });
    expect(await heldToday()).toBe(heldBefore + 1);

    const endedAt = Date.now();
    await meeting.evaluate(() => (window as unknown as { endCall(): void }).endCall());
    await waitFor('the held break on screen', async () => (await presentation()) !== undefined, 20_000);
    const shownAfterMs = Date.now() - endedAt;
    // Found gone at the next look (within one settle time), shown one settle time later.
    expect(shownAfterMs).toBeGreaterThanOrEqual(SETTLE_S * 1000 - 600);
    expect(shownAfterMs).toBeLessThan(SETTLE_S * 2 * 1000 + 4_000);
    expect((await schedule()).mode).toMatchObject({ kind: 'due', breakId: held.breakId, heldSince: null });
    await answerBreak(session, { type: 'break:skip', breakId: held.breakId });
    await meeting.close();
  });

  it('"I\'m in a call" in the popup holds the due break; "Show the break" releases it', async () => {
    await freshCycle();
    // The popup as a tab of its own: its buttons close it (window.close) when they are done.
    const popup = await session.openExtensionPage(POPUP_PAGE);
    await popup.waitForSelector('button[aria-controls="call-menu"]');
    await popup.click('button[aria-controls="call-menu"]');
    await popup.waitForSelector('#call-menu button');
    const [thirty] = await popup.$$('#call-menu button');
    await thirty!.click();
    await waitFor('the call said', async () => (await schedule()).callManual);
    await popup.waitForSelector('[data-testid="in-call"]');
    await setClock(CLOCK);
    const held = await heldBreak();
    await waitFor('the popup saying the break is held', () =>
      popup.evaluate(() => /waits until your call ends/.test(document.querySelector('.status .state')?.textContent ?? '')),
    );
    await popup.screenshot({ path: `${SCREENSHOTS_DIR}/firefox-popup-break-held.png` });
    expect(await presentation()).toBeUndefined();
    await popup.click('button.primary');
    await waitFor('the released break on screen', async () => (await presentation()) !== undefined);
    expect((await schedule()).mode).toMatchObject({ kind: 'due', breakId: held.breakId, heldSince: null });
    await send({ type: 'call', minutes: 'end' });
    await answerBreak(session, { type: 'break:skip', breakId: held.breakId });
    await waitFor('the cycle to restart', async () => (await schedule()).mode.kind === 'working');
  });
});
