// Breaks take turns in real Firefox ESR: two default-length Desk breaks in a row (the first completed) say and play different
// exercises; a skipped break leaves the next one as it was. The test clock shortens each break to seconds; the routine is
// still the one built for the default 120 s.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, FIREFOX_DIST, sleep, waitFor, type DevOverrides } from '../support/extension';
import { clickButton, firefoxAvailable, launchFirefox, type FirefoxSession } from '../support/firefox';
import { BREAK_PAGE, POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

// No automatic breaks: each one is asked for with `break:now`.
const CLOCK: DevOverrides = { workSeconds: 3_600, breakSeconds: 6, snoozeSeconds: 3_600 };

declare const browser: {
  storage: { local: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

describeWithBrowser('Firefox: successive breaks take turns through the routine', firefoxAvailable(), () => {
  let session: FirefoxSession;
  let control: Page;

  beforeAll(async () => {
    // No host access: the break opens in its own window.
    session = await launchFirefox({ extensionDir: FIREFOX_DIST, prefs: { 'extensions.originControls.grantByDefault': false } });
    await session.setIdleTime(0);
    control = await session.openExtensionPage(POPUP_PAGE);
    await control.evaluate((o) => browser.storage.local.set({ devOverrides: o }), CLOCK);
  });

  afterAll(async () => {
    await session?.close();
  });

  const completed = () =>
    control.evaluate(async () => {
      const { history } = (await browser.storage.local.get('history')) as { history?: Record<string, { completed: number }> };
      return Object.values(history ?? {}).reduce((sum, day) => sum + day.completed, 0);
    });

  async function breakWindow(): Promise<Page | null> {
    for (const p of await session.browser.pages()) {
      const url = await p.evaluate(() => location.href).catch(() => '');
      if (url.includes(BREAK_PAGE)) return p;
    }
    return null;
  }

  /** Asks for a break, and returns its window once the prompt says what the break holds. */
  async function openBreak(): Promise<{ page: Page; plan: string }> {
    await waitFor('no break window left open', async () => (await breakWindow()) === null);
    await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
    const page = await waitFor('the break window', breakWindow, 20_000);
    const plan = await waitFor('the prompt to say what the break holds', async () => {
      const text = await page.evaluate(() => document.querySelector('[data-testid="break-plan"]')?.textContent ?? '').catch(() => '');
      return text.startsWith('Desk · 2 min · ') ? text : null;
    });
    return { page, plan };
  }

  /** Starts the break and notes every step title shown until Done; then closes the window. */
  async function playToDone(page: Page): Promise<string[]> {
    await clickButton(page, 'Start');
    const titles: string[] = [];
    const deadline = Date.now() + 30_000;
    for (;;) {
      const heading = await page.evaluate(() => document.querySelector('h1')?.textContent ?? '').catch(() => '');
      if (heading === 'Nicely done') break;
      if (Date.now() > deadline) throw new Error(`no Done screen after 30 s; last step: ${heading}`);
      if (heading && titles.at(-1) !== heading) titles.push(heading);
      await sleep(40);
    }
    // The Done screen may close itself; otherwise its Close button does.
    await clickButton(page, 'Close').catch(() => undefined);
    await waitFor('the break window to close', async () => (await breakWindow()) === null);
    return titles;
  }

  it('two default-length Desk breaks in a row show different exercises, and a skip does not reshuffle them', async () => {
    const first = await openBreak();
    const firstTitles = await playToDone(first.page);
    await waitFor('the first break to count as completed', async () => (await completed()) === 1);

    const second = await openBreak();
    expect(second.plan).not.toBe(first.plan);
    // The default Desk break has room for three of its four exercises: the doorway stretch comes second.
    expect(first.plan).not.toContain('Doorway pectoral stretch');
    expect(second.plan).toContain('Doorway pectoral stretch');
    // Skipped: the next break is the same one again.
    await clickButton(second.page, 'Skip');
    const again = await openBreak();
    expect(again.plan).toBe(second.plan);
    const secondTitles = await playToDone(again.page);
    await waitFor('the second break to count as completed', async () => (await completed()) === 2);

    // What played matches what the prompts said, and differs between the two.
    expect(firstTitles.some((title) => title.includes('Thoracic extension'))).toBe(true);
    expect(firstTitles.some((title) => title.includes('Doorway pectoral stretch'))).toBe(false);
    expect(secondTitles.some((title) => title.includes('Doorway pectoral stretch'))).toBe(true);
    expect(secondTitles.some((title) => title.includes('Thoracic extension'))).toBe(false);
    console.info(`Firefox breaks: ${JSON.stringify({ first: first.plan, second: second.plan, firstTitles, secondTitles })}`);
  });
});
