// The UI language on every page in real Chromium: `lang` and `dir` on the popup, options, welcome
// and break pages in German, and a pseudo right-to-left locale (a copy of the build whose English
// file names itself "ar-XB", Chromium's own pseudo-bidi tag) that mirrors the layout and nothing else.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { answerBreak, breakPages, chromiumAvailable, closeWelcomeTab, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, SCREENSHOTS_DIR, waitFor } from '../support/extension';
import { BREAK_PAGE, OPTIONS_PAGE, POPUP_PAGE, WELCOME_PAGE } from '../../../src/core/contracts/extension-paths';

declare const chrome: {
  storage: { local: { get(keys: string | string[]): Promise<Record<string, unknown>> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

const langAndDir = (page: Page | Frame) => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.body).direction]);

/** Opens a break with `break:now` from `control` and returns the break window it opens (no host access: a window). */
async function openBreakWindow(session: ChromiumSession, control: Page): Promise<Page> {
  const opened = session.context.waitForEvent('page', { predicate: (p) => p.url().includes(BREAK_PAGE), timeout: 20_000 });
  await control.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
  const page = await opened;
  await page.setViewportSize({ width: 520, height: 680 });
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

/** Skips the open break from its page and waits until no break page is left, so the next test starts clean. */
async function skipBreak(session: ChromiumSession, control: Page): Promise<void> {
  const breakId = await control.evaluate(async () => {
    const { schedule } = (await chrome.storage.local.get('schedule')) as { schedule?: { mode: { kind: string; breakId?: number } } };
    return schedule?.mode.kind === 'due' ? (schedule.mode.breakId ?? null) : null;
  });
  if (breakId === null) return;
  await answerBreak(session, { type: 'break:skip', breakId });
  await waitFor('the break to be gone', async () => breakPages(session).length === 0);
}

/** Whether every text of the history chart (two axis values, three dates) lies inside the drawing. */
function chartLabelsInside(chart: Locator) {
  return chart.evaluate((svg) => {
    const frame = svg.getBoundingClientRect();
    const labels = [...svg.querySelectorAll(':scope > text, :scope > g > text')].map((text) => text.getBoundingClientRect());
    return {
      direction: getComputedStyle(svg).direction,
      inside: labels.every((r) => r.left >= frame.left - 0.5 && r.right <= frame.right + 0.5 && r.bottom <= frame.bottom + 0.5),
      labels: labels.length,
    };
  });
}

describeWithBrowser('Chromium: lang and dir in German', chromiumAvailable(), () => {
  let session: ChromiumSession;

  beforeAll(async () => {
    session = await launchChromium({ extensionDir: CHROME_DIST, args: ['--lang=de'], env: { LANGUAGE: 'de', LANG: 'de_DE.UTF-8' } });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('every page says lang="de" dir="ltr": welcome, popup, options and the break window', async () => {
    const welcome = await waitFor('the welcome tab', async () => session.context.pages().find((p) => p.url().includes(WELCOME_PAGE)));
    await welcome.locator('main').waitFor();
    expect(await langAndDir(welcome)).toEqual(['de', 'ltr', 'ltr']);
    await closeWelcomeTab(session);

    const popup = await session.openExtensionPage(POPUP_PAGE);
    await popup.getByText('Nächste Pause in').waitFor();
    expect(await langAndDir(popup)).toEqual(['de', 'ltr', 'ltr']);

    const options = await session.openExtensionPage(OPTIONS_PAGE);
    await options.locator('#field-workMinutes').waitFor();
    expect(await langAndDir(options)).toEqual(['de', 'ltr', 'ltr']);
    // A count through its plural form, and the week as Germany reads it (Monday first).
    expect(await options.getByTestId('history-streak').textContent()).toBe('0 Tage');
    const days = await options.locator('[id^="field-workingHours-day-"]').evaluateAll((inputs) => inputs.map((input) => input.id.replace(/\D/g, '')));
    expect(days).toEqual(['1', '2', '3', '4', '5', '6', '0']);
    // The chart's date labels in German, the last one ("6. Dez.") inside the picture, not cut.
    await options.setViewportSize({ width: 800, height: 900 });
    const chart = options.getByTestId('chart-completed');
    await chart.scrollIntoViewIfNeeded();
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await chart.screenshot({ path: path.join(SCREENSHOTS_DIR, 'history-chart-de.png') });
    expect(await chartLabelsInside(chart)).toEqual({ direction: 'ltr', inside: true, labels: 5 });
    await options.close();

    const breakWindow = await openBreakWindow(session, popup);
    expect(await langAndDir(breakWindow)).toEqual(['de', 'ltr', 'ltr']);
    await skipBreak(session, popup);
  });
});

describeWithBrowser('Chromium: a pseudo right-to-left locale', chromiumAvailable(), () => {
  let session: ChromiumSession;
  let extensionDir: string;

  beforeAll(async () => {
    // Test-only: the built package with its English file naming itself ar-XB (never shipped).
    extensionDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-rtl-'));
    fs.cpSync(CHROME_DIST, extensionDir, { recursive: true });
    const file = path.join(extensionDir, '_locales', 'en', 'messages.json');
    const messages = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { message: string }>;
    messages.localeTag = { message: 'ar-XB' };
    fs.writeFileSync(file, JSON.stringify(messages));
    session = await launchChromium({ extensionDir, args: ['--lang=en-US'], env: { LANGUAGE: 'en', LANG: 'en_US.UTF-8' } });
    await closeWelcomeTab(session);
  });

  afterAll(async () => {
    await session?.close();
    if (extensionDir) fs.rmSync(extensionDir, { recursive: true, force: true });
  });

  it('lays the pages out right to left, with the countdown and the drawings as they are', async () => {
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    const popup = await session.openExtensionPage(POPUP_PAGE);
    await popup.setViewportSize({ width: 320, height: 560 });
    await popup.getByTestId('next-break').waitFor();
    expect(await langAndDir(popup)).toEqual(['ar-XB', 'rtl', 'rtl']);
    await popup.screenshot({ path: path.join(SCREENSHOTS_DIR, 'popup-pseudo-rtl.png'), fullPage: true });

    const layout = await popup.evaluate(() => {
      const box = (node: Node) => {
        const range = document.createRange();
        range.selectNodeContents(node);
        return range.getBoundingClientRect();
      };
      const heading = document.querySelector('h2')!;
      const countdown = document.querySelector('[data-testid="next-break"]')!.firstChild as Text;
      const charX = (i: number) => {
        const range = document.createRange();
        range.setStart(countdown, i);
        range.setEnd(countdown, i + 1);
        return range.getBoundingClientRect().left;
      };
      return {
        countdown: countdown.data,
        // Start-aligned text sits at the right edge of its box.
        headingGapRight: heading.getBoundingClientRect().right - box(heading).right,
        headingGapLeft: box(heading).left - heading.getBoundingClientRect().left,
        // "4:59" still reads minutes first, from the left: the first character is left of the last.
        firstCharLeftOfLast: charX(0) < charX(countdown.data.length - 1),
      };
    });
    expect(layout.countdown).toMatch(/^\p{Nd}{1,2}:\p{Nd}{2}$/u);
    expect(layout.firstCharLeftOfLast).toBe(true);
    expect(layout.headingGapRight).toBeLessThan(2);
    expect(layout.headingGapLeft).toBeGreaterThan(50);

    const options = await session.openExtensionPage(OPTIONS_PAGE);
    await options.setViewportSize({ width: 800, height: 900 });
    await options.locator('#field-workMinutes').waitFor();
    expect(await langAndDir(options)).toEqual(['ar-XB', 'rtl', 'rtl']);
    await options.screenshot({ path: path.join(SCREENSHOTS_DIR, 'options-pseudo-rtl.png') });
    // The history chart keeps days running left to right, its edge labels inside the picture.
    expect(await chartLabelsInside(options.getByTestId('chart-completed'))).toEqual({ direction: 'ltr', inside: true, labels: 5 });
    await options.close();

    const breakWindow = await openBreakWindow(session, popup);
    expect(await langAndDir(breakWindow)).toEqual(['ar-XB', 'rtl', 'rtl']);
    await breakWindow.getByRole('button', { name: 'Start' }).click();
    const illustration = breakWindow.locator('.illustration svg').first();
    await illustration.waitFor();
    await breakWindow.screenshot({ path: path.join(SCREENSHOTS_DIR, 'break-step-pseudo-rtl.png') });
    // The drawing is not mirrored by the page's direction (only a deliberate second-side mirror may flip it).
    const transforms = await illustration.evaluate((svg) => [getComputedStyle(svg).transform, getComputedStyle(svg.parentElement!).transform]);
    expect(transforms).toEqual(['none', 'none']);
    // Back sits at the start (the right) and points that way; the arrow keys follow the reading direction.
    const back = breakWindow.getByTestId('step-back');
    const forward = breakWindow.getByTestId('step-forward');
    expect((await back.boundingBox())!.x).toBeGreaterThan((await forward.boundingBox())!.x);
    expect(await back.textContent()).toMatch(/^→ /);
    expect(await forward.textContent()).toMatch(/ ←$/);
    expect([await back.getAttribute('aria-keyshortcuts'), await forward.getAttribute('aria-keyshortcuts')]).toEqual(['ArrowRight', 'ArrowLeft']);
    await skipBreak(session, popup);
  });
});
