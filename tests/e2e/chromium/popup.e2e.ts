// The toolbar popup in real Chromium: countdown, tallies, pause and resume, a setting taking effect, axe, and German.
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { answerBreak, chromiumAvailable, closeWelcomeTab, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, SCREENSHOTS_DIR, waitFor } from '../support/extension';
import { OPTIONS_PAGE, POPUP_PAGE, WELCOME_PAGE } from '../../../src/core/contracts/extension-paths';

declare const chrome: {
  storage: { local: { get(keys: string | string[]): Promise<Record<string, unknown>> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

type StoredMode = { kind: string; startedAt?: number | null };

async function storedMode(page: Page): Promise<StoredMode | undefined> {
  return page.evaluate(async () => ((await chrome.storage.local.get('schedule')) as { schedule?: { mode: StoredMode } }).schedule?.mode);
}

async function pendingBreakId(page: Page): Promise<number> {
  return waitFor('a pending break', () =>
    page.evaluate(async () => {
      const { schedule } = (await chrome.storage.local.get('schedule')) as { schedule?: { mode: { kind: string; breakId?: number } } };
      return schedule?.mode.kind === 'due' ? (schedule.mode.breakId ?? null) : null;
    }),
  );
}

/** Seconds left on the popup's live countdown ("m:ss"). */
async function countdownSeconds(popup: Page): Promise<number> {
  const text = (await popup.getByTestId('next-break').textContent()) ?? '';
  const [minutes, seconds] = text.split(':').map(Number) as [number, number];
  return minutes * 60 + seconds;
}

async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${what}: ${v.id} (${v.nodes.length})`)).toEqual([]);
}

describeWithBrowser('Chromium: the toolbar popup', chromiumAvailable(), () => {
  let session: ChromiumSession;
  let popup: Page;

  beforeAll(async () => {
    session = await launchChromium({ extensionDir: CHROME_DIST });
    await closeWelcomeTab(session);
    popup = await session.openExtensionPage(POPUP_PAGE);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows the live time to the next break, ticking down', async () => {
    await popup.getByTestId('next-break').waitFor();
    const first = await countdownSeconds(popup);
    expect(first).toBeGreaterThan(29 * 60 - 60);
    expect(first).toBeLessThanOrEqual(30 * 60);
    await waitFor('the countdown to tick', async () => (await countdownSeconds(popup)) < first, 5_000);
  });

  it('shows today\'s tally after a completed and a snoozed break', async () => {
    // Without host access each break opens its own window; it is answered there.
    await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
    const first = await pendingBreakId(popup);
    // Each answer is sent from the break page and not awaited: wait for what it does before the next.
    await answerBreak(session, { type: 'break:start', breakId: first });
    await waitFor('the routine to run', async () => ((await storedMode(popup))?.startedAt ?? null) !== null);
    await answerBreak(session, { type: 'break:complete', breakId: first });
    await waitFor('the break to be done', async () => (await storedMode(popup))?.kind === 'working');
    await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
    const second = await pendingBreakId(popup);
    await answerBreak(session, { type: 'break:snooze', breakId: second });
    await waitFor('the tally', async () => (await popup.getByTestId('tally-completed').textContent()) === '1' && (await popup.getByTestId('tally-snoozed').textContent()) === '1');
    expect(await popup.getByTestId('tally-skipped').textContent()).toBe('0');
    await popup.bringToFront();
  });

  it('pauses for 30 minutes from the menu and resumes', async () => {
    await popup.getByRole('button', { name: 'Pause reminders' }).click();
    await popup.getByRole('button', { name: 'For 30 minutes' }).click();
    await popup.getByText(/^Paused until /).waitFor();
    const { schedule } = (await popup.evaluate(() => chrome.storage.local.get('schedule'))) as {
      schedule: { mode: { kind: string; until: number } };
    };
    expect(schedule.mode.kind).toBe('paused');
    expect(Math.abs(schedule.mode.until - Date.now() - 30 * 60_000)).toBeLessThan(10_000);
    await popup.getByRole('button', { name: 'Resume reminders' }).click();
    await popup.getByTestId('next-break').waitFor();
  });

  it('a valid setting changed on the options page takes effect in the running cycle', async () => {
    const options = await session.openExtensionPage(OPTIONS_PAGE);
    const work = options.locator('#field-workMinutes');
    await work.fill('5');
    await waitFor('the shorter interval in the popup', async () => (await countdownSeconds(popup)) <= 5 * 60, 10_000);
    await options.close();
  });

  it('the popup and the welcome page have no axe violations, light and dark', async () => {
    const welcome = await session.openExtensionPage(WELCOME_PAGE);
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [page, what] of [
        [popup, 'popup'],
        [welcome, 'welcome'],
      ] as const) {
        await page.emulateMedia({ colorScheme });
        await page.locator('main').first().waitFor();
        await expectNoAxeViolations(page, `${what} (${colorScheme})`);
      }
    }
    await welcome.close();
  });
});

describeWithBrowser('Chromium: the German interface', chromiumAvailable(), () => {
  let session: ChromiumSession;

  beforeAll(async () => {
    session = await launchChromium({ extensionDir: CHROME_DIST, args: ['--lang=de'], env: { LANGUAGE: 'de', LANG: 'de_DE.UTF-8' } });
    await closeWelcomeTab(session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('the popup and the options page render in German without overflowing', async () => {
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    const popup = await session.openExtensionPage(POPUP_PAGE);
    await popup.setViewportSize({ width: 320, height: 560 });
    await popup.getByText('Nächste Pause in').waitFor();
    await popup.getByRole('button', { name: 'Erinnerungen pausieren' }).click();
    await popup.screenshot({ path: path.join(SCREENSHOTS_DIR, 'popup-de.png'), fullPage: true });
    const popupOverflow = await popup.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(popupOverflow).toBeLessThanOrEqual(0);

    const options = await session.openExtensionPage(OPTIONS_PAGE);
    await options.setViewportSize({ width: 800, height: 900 });
    await options.locator('#field-workMinutes').waitFor();
    await options.screenshot({ path: path.join(SCREENSHOTS_DIR, 'options-de.png') });
    const optionsOverflow = await options.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(optionsOverflow).toBeLessThanOrEqual(0);
    expect(await options.evaluate(() => document.documentElement.lang)).toBe('de');
  });
});
