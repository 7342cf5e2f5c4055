// Onboarding and history in the built Chrome extension: the welcome tab on install, its choices saved to storage.sync; the options page's history panel.
// One browser for the file: the history tests run after the welcome tab has been closed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, SCREENSHOTS_DIR, waitFor } from '../support/extension';
import { OPTIONS_PAGE, WELCOME_PAGE } from '../../../src/core/contracts/extension-paths';

declare const chrome: {
  storage: {
    local: { get(keys: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
    sync: { get(keys: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

async function syncSettings(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async () => ((await chrome.storage.sync.get('settings')).settings ?? {}) as Record<string, unknown>);
}

async function storedHistory(page: Page): Promise<unknown> {
  return page.evaluate(async () => (await chrome.storage.local.get('history')).history);
}

/** Local day keys, `back` days before today (the browser and this process share the time zone). */
function dayKey(back: number): string {
  const d = new Date();
  d.setDate(d.getDate() - back);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const tally = (completed: number, activeMinutes = 0) => ({ activeMs: activeMinutes * 60_000, completed, snoozed: 0, skipped: 0, natural: 0, held: 0 });

let session: ChromiumSession;

beforeAll(async () => {
  if (chromiumAvailable()) session = await launchChromium({ extensionDir: CHROME_DIST });
});

afterAll(async () => {
  await session?.close();
});

describeWithBrowser('Chromium: the welcome page on install', chromiumAvailable(), () => {
  let welcome: Page;

  it('opens in a new tab when the extension is installed', async () => {
    const url = `${session.origin}/${WELCOME_PAGE}`;
    welcome =
      session.context.pages().find((p) => p.url() === url) ??
      (await session.context.waitForEvent('page', { predicate: (p) => p.url() === url, timeout: 15_000 }));
    expect(welcome.url().endsWith(WELCOME_PAGE)).toBe(true);
    await welcome.getByRole('heading', { level: 1, name: 'Welcome to Unhunch' }).waitFor();
    // Exactly one welcome tab.
    expect(session.context.pages().filter((p) => p.url() === url)).toHaveLength(1);
  });

  it('shows what it does, the overlay choice, the safety note and the one-time tip', async () => {
    await welcome.getByText(/counts the time you actually spend at the screen/).waitFor();
    await welcome.getByRole('button', { name: 'Allow breaks over pages' }).waitFor();
    await welcome.getByText(/no treatment for herniated or bulging discs or scoliosis\. If a stretch hurts, stop and see a clinician\./).waitFor();
    await welcome.getByText(/A few minutes of light movement before a longer stretching session lowers the risk of injury\. For the floor routine, a mat helps\./).waitFor();
    // The defaults are preselected.
    expect(await welcome.getByRole('radio', { name: '30 minutes' }).isChecked()).toBe(true);
    expect(await welcome.getByRole('radio', { name: /^Desk/ }).isChecked()).toBe(true);
  });

  it('choosing an interval and a routine saves them into storage.sync, keeping the other settings', async () => {
    await welcome.evaluate(() => chrome.storage.sync.set({ settings: { sound: false, workMinutes: 30 } }));
    await welcome.getByRole('radio', { name: '45 minutes' }).check();
    await waitFor('workMinutes 45 in storage.sync', async () => (await syncSettings(welcome)).workMinutes === 45);
    await welcome.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await welcome.getByRole('radio', { name: /^Floor/ }).check();
    await waitFor('routine floor in storage.sync', async () => (await syncSettings(welcome)).routine === 'floor');
    // Checked by the same rules as the options page and stored whole, with the user's other choices kept.
    expect(await syncSettings(welcome)).toMatchObject({ version: 1, sound: false, workMinutes: 45, routine: 'floor', breakSeconds: 120 });
  });

  it('works from the keyboard: arrow keys move through the intervals and save', async () => {
    await welcome.getByRole('radio', { name: '45 minutes' }).focus();
    await welcome.keyboard.press('ArrowRight');
    await waitFor('workMinutes 60 in storage.sync', async () => (await syncSettings(welcome)).workMinutes === 60);
    expect(await welcome.getByRole('radio', { name: '60 minutes' }).isChecked()).toBe(true);
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await welcome.setViewportSize({ width: 900, height: 1400 });
    await welcome.screenshot({ path: path.join(SCREENSHOTS_DIR, 'chromium-welcome.png'), fullPage: true });
    await welcome.emulateMedia({ colorScheme: 'dark' });
    await welcome.screenshot({ path: path.join(SCREENSHOTS_DIR, 'chromium-welcome-dark.png'), fullPage: true });
  });

  it('"All set" closes the welcome tab', async () => {
    await welcome.getByRole('button', { name: 'All set' }).click();
    await waitFor('the welcome tab to close', async () => welcome.isClosed());
  });
});

describeWithBrowser('Chromium: history on the options page', chromiumAvailable(), () => {
  let options: Page;
  let scratch: string;

  beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-history-e2e-'));
    options = await session.openExtensionPage(OPTIONS_PAGE);
    // Hold the scheduler, so the background writes no active time into history during the test.
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'pause', minutes: null }));
    const seeded = { [dayKey(0)]: tally(2, 30), [dayKey(1)]: { ...tally(1, 50), held: 2 }, [dayKey(2)]: tally(3, 70), [dayKey(4)]: tally(1, 10) };
    await options.evaluate((history) => chrome.storage.local.set({ history }), seeded);
    await options.reload();
    await options.getByRole('heading', { name: 'History' }).waitFor();
  });

  afterAll(async () => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('shows the streak, two labelled charts with a text alternative, and a 30-day table', async () => {
    await waitFor('the streak', async () => (await options.getByTestId('history-streak').textContent()) === '3 days');
    expect(await options.getByRole('img', { name: 'Breaks completed per day' }).count()).toBe(1);
    expect(await options.getByRole('img', { name: 'Active minutes per day' }).count()).toBe(1);
    expect(await options.getByTestId('history-summary').textContent()).toMatch(/^Last 30 days: 7 breaks completed and 2 hr 40 min of screen time\./);
    expect(await options.getByTestId('chart-completed').locator('rect.bar').count()).toBe(4);
    await options.getByText('Show the numbers as a table').click();
    expect(await options.getByTestId('history-table').locator('tbody tr').count()).toBe(30);
    expect(await options.getByTestId('history-table').locator('tbody tr').first().locator('td').allTextContents()).toEqual(['2', '30', '0', '0', '0', '0']);
    expect(await options.getByTestId('history-table').locator('thead th').last().textContent()).toBe('Held for a call');
    expect(await options.getByTestId('history-table').locator('tbody tr').nth(1).locator('td').allTextContents()).toEqual(['1', '50', '0', '0', '0', '2']);
  });

  it('exports CSV and JSON as downloads', async () => {
    const [csv] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe(`unhunch-history-${dayKey(0)}.csv`);
    const csvText = fs.readFileSync((await csv.path())!, 'utf8');
    expect(csvText.split('\r\n')[0]).toBe('date,active_minutes,breaks_completed,breaks_snoozed,breaks_skipped,natural_breaks,breaks_held');
    expect(csvText).toContain(`${dayKey(2)},70,3,0,0,0,0\r\n`);
    const [json] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export JSON' }).click()]);
    const exported = JSON.parse(fs.readFileSync((await json.path())!, 'utf8'));
    expect(exported).toMatchObject({ format: 'unhunch-history', version: 1, days: { [dayKey(0)]: tally(2, 30) } });
    fs.writeFileSync(path.join(scratch, 'export.json'), JSON.stringify(exported));
  });

  it('a bad import file says exactly what is wrong and changes nothing', async () => {
    const before = await storedHistory(options);
    const bad = { format: 'unhunch-history', version: 1, days: { '2026-02-30': tally(1), [dayKey(3)]: { ...tally(1), completed: -2 } } };
    await options.getByLabel('Import a JSON export').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    const problems = options.getByTestId('import-problems');
    await problems.waitFor();
    expect(await problems.locator('li').allTextContents()).toEqual([
      'days.2026-02-30: not a real date',
      `days.${dayKey(3)}.completed: must be a whole number ≥ 0`,
    ]);
    expect(await storedHistory(options)).toEqual(before);
  });

  it('a file with a day written twice, or more breaks than a day could hold, is refused and changes nothing', async () => {
    const before = await storedHistory(options);
    // JSON.parse would quietly keep the second of the two days: the file itself is read for repeats.
    const twice = `{"format":"unhunch-history","version":1,"days":{"${dayKey(5)}":${JSON.stringify(tally(1))},"${dayKey(5)}":${JSON.stringify(tally(9))},"${dayKey(6)}":${JSON.stringify({ ...tally(1), skipped: 100_000 })}}}`;
    await options.getByLabel('Import a JSON export').setInputFiles({ name: 'twice.json', mimeType: 'application/json', buffer: Buffer.from(twice) });
    const problems = options.getByTestId('import-problems');
    await problems.getByText(`days.${dayKey(5)}: is in the file twice`).waitFor();
    expect(await problems.locator('li').allTextContents()).toEqual([`days.${dayKey(5)}: is in the file twice`, `days.${dayKey(6)}.skipped: more than 1500 in one day`]);
    expect(await storedHistory(options)).toEqual(before);
  });

  it('a good import replaces the same days, adds new ones and says what it imported', async () => {
    const file = { format: 'unhunch-history', version: 1, exportedAt: new Date().toISOString(), days: { [dayKey(3)]: tally(4, 20), [dayKey(4)]: tally(2, 5) } };
    await options.getByLabel('Import a JSON export').setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await options.getByTestId('import-done').waitFor();
    expect(await options.getByTestId('import-done').textContent()).toMatch(/^Imported 2 days \(.+ to .+\): 1 new, 1 replaced\.$/);
    const after = (await storedHistory(options)) as Record<string, unknown>;
    expect(after[dayKey(3)]).toEqual(tally(4, 20));
    expect(after[dayKey(4)]).toEqual(tally(2, 5));
    expect(after[dayKey(0)]).toEqual(tally(2, 30));
    // Day 3 filled the gap: the streak now runs five days.
    await waitFor('the longer streak', async () => (await options.getByTestId('history-streak').textContent()) === '5 days');
  });

  it('clearing asks first (two steps, Escape keeps it), then empties the history', async () => {
    await options.getByRole('button', { name: 'Clear history…' }).click();
    const keep = options.getByRole('button', { name: 'Keep it' });
    await keep.waitFor();
    // Focus moves to the safe choice once the confirmation has rendered.
    await waitFor('focus on "Keep it"', () => keep.evaluate((el) => el === document.activeElement));
    await options.keyboard.press('Escape');
    await options.getByRole('button', { name: 'Clear history…' }).waitFor();
    expect(Object.keys((await storedHistory(options)) as object).length).toBeGreaterThan(0);
    await options.getByRole('button', { name: 'Clear history…' }).click();
    await options.getByText(/^Delete all 5 days of history\?/).waitFor();
    await options.getByRole('button', { name: 'Yes, delete history' }).click();
    await options.getByText('History cleared.').waitFor();
    expect(await storedHistory(options)).toEqual({});
    expect(await options.getByTestId('history-streak').textContent()).toBe('0 days');
  });
});
