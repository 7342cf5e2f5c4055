// A clock set years ahead (faketime around the whole browser): the breaks it records must not
// prune the days before it (issue 12.5). The year kept moves at most two days past the newest day stored.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, localDayKey, type History } from '../../../src/core/rules/history';
import { answerBreak, chromiumAvailable, closeWelcomeTab, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, clockAheadEnv, describeWithBrowser, faketimeAvailable, waitFor } from '../support/extension';
import { POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

const YEARS_AHEAD_DAYS = 4 * 365;

declare const chrome: {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

/** 363 days with a completed break, ending on `lastDay`: all of them inside a year of it plus two. */
function seededYear(lastDay: string): History {
  const days: History = {};
  for (let back = 362; back >= 0; back--) days[addDays(lastDay, -back)] = { activeMs: 3_600_000, completed: 4, snoozed: 1, skipped: 0, natural: 0, held: 0 };
  return days;
}

async function storedHistory(page: Page): Promise<History> {
  return page.evaluate(async () => ((await chrome.storage.local.get('history')).history ?? {}) as History);
}

describeWithBrowser('Chromium: a clock set years ahead (faketime)', chromiumAvailable() && faketimeAvailable(), () => {
  let session: ChromiumSession;
  let popup: Page;

  beforeAll(async () => {
    session = await launchChromium({ extensionDir: CHROME_DIST, env: clockAheadEnv(YEARS_AHEAD_DAYS) });
    await closeWelcomeTab(session);
    popup = await session.openExtensionPage(POPUP_PAGE);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('breaks recorded on a day years ahead keep every day of the year before it', async () => {
    const realToday = localDayKey(Date.now()); // this test's clock is the machine's
    const browserToday = await popup.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    expect(browserToday >= addDays(realToday, YEARS_AHEAD_DAYS - 1)).toBe(true);
    const seeded = seededYear(realToday);
    await popup.evaluate((history) => chrome.storage.local.set({ history }), seeded);

    // Two breaks skipped on the wrong day: each records into the history (the second prunes from the new newest day).
    for (const skipped of [1, 2]) {
      await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
      const breakId = await waitFor('a pending break', () =>
        popup.evaluate(async () => {
          const mode = ((await chrome.storage.local.get('schedule')).schedule as { mode?: { kind: string; breakId?: number } } | undefined)?.mode;
          return mode?.kind === 'due' ? (mode.breakId ?? null) : null;
        }),
      );
      await answerBreak(session, { type: 'break:skip', breakId });
      await waitFor(`skip ${skipped} in the history`, async () => (await storedHistory(popup))[browserToday]?.skipped === skipped);
    }

    const history = await storedHistory(popup);
    expect(Object.keys(seeded).filter((day) => !(day in history))).toEqual([]);
    expect(history[realToday]).toEqual(seeded[realToday]);
    // What the person sees: today's tally on the popup counts both skips.
    await popup.reload();
    await waitFor('the tally', async () => (await popup.getByTestId('tally-skipped').textContent()) === '2');
  });
});
