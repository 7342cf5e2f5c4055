// Breaks take turns in real Chromium: two default-length Desk breaks in a row (the first completed) say and play different
// exercises; a skipped break leaves the next one as it was. The test clock shortens each break to seconds; the routine is
// still the one built for the default 120 s.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, SCREENSHOTS_DIR, waitFor, type DevOverrides } from '../support/extension';
import { BREAK_PAGE } from '../../../src/core/contracts/extension-paths';

// No automatic breaks: each one is asked for with `break:now`.
const CLOCK: DevOverrides = { workSeconds: 3_600, breakSeconds: 6, snoozeSeconds: 3_600 };

declare const chrome: {
  storage: { local: { get(keys: string[] | string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

describeWithBrowser('Chromium: successive breaks take turns through the routine', chromiumAvailable(), () => {
  let session: ChromiumSession;
  let control: Page;

  beforeAll(async () => {
    // No host access: the break opens in its own window.
    session = await launchChromium({ extensionDir: CHROME_DIST });
    control = await session.openExtensionPage('src/pages/popup/index.html');
    await control.evaluate((o) => chrome.storage.local.set({ devOverrides: o }), CLOCK);
  });

  afterAll(async () => {
    await session?.close();
  });

  const completed = () =>
    control.evaluate(async () => {
      const { history } = (await chrome.storage.local.get('history')) as { history?: Record<string, { completed: number }> };
      return Object.values(history ?? {}).reduce((sum, day) => sum + day.completed, 0);
    });

  /** Asks for a break, and returns its window once the prompt says what the break holds. */
  async function openBreak(): Promise<{ page: Page; plan: string }> {
    const opened = session.context.waitForEvent('page', { predicate: (p) => p.url().includes(BREAK_PAGE), timeout: 20_000 });
    await control.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
    const page = await opened;
    await page.setViewportSize({ width: 520, height: 680 });
    const plan = await waitFor('the prompt to say what the break holds', async () => {
      const text = (await page.getByTestId('break-plan').textContent().catch(() => '')) ?? '';
      return text.startsWith('Desk · 2 min · ') ? text : null;
    });
    return { page, plan };
  }

  /** Starts the break and notes every step title shown until Done; then closes the window. */
  async function playToDone(page: Page): Promise<string[]> {
    await page.getByRole('button', { name: 'Start' }).click();
    const titles: string[] = [];
    const deadline = Date.now() + 30_000;
    for (;;) {
      const heading = (await page.locator('h1').first().textContent().catch(() => null)) ?? '';
      if (heading === 'Nicely done') break;
      if (Date.now() > deadline) throw new Error(`no Done screen after 30 s; last step: ${heading}`);
      if (heading && titles.at(-1) !== heading) titles.push(heading);
      await new Promise((r) => setTimeout(r, 40));
    }
    // The Done screen may close itself; otherwise its Close button does.
    if (!page.isClosed()) {
      const closed = page.waitForEvent('close').catch(() => undefined);
      await page.getByRole('button', { name: 'Close' }).click().catch(() => undefined);
      await closed;
    }
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
    const closed = second.page.waitForEvent('close');
    await second.page.getByRole('button', { name: 'Skip' }).click();
    await closed;
    const again = await openBreak();
    expect(again.plan).toBe(second.plan);
    const secondTitles = await playToDone(again.page);
    await waitFor('the second break to count as completed', async () => (await completed()) === 2);

    // What played matches what the prompts said, and differs between the two.
    expect(firstTitles.some((title) => title.includes('Thoracic extension'))).toBe(true);
    expect(firstTitles.some((title) => title.includes('Doorway pectoral stretch'))).toBe(false);
    expect(secondTitles.some((title) => title.includes('Doorway pectoral stretch'))).toBe(true);
    expect(secondTitles.some((title) => title.includes('Thoracic extension'))).toBe(false);
    console.info(`Chromium breaks: ${JSON.stringify({ first: first.plan, second: second.plan, firstTitles, secondTitles })}`);
  });
});

describeWithBrowser('Chromium: a Floor break shows each step as it is done', chromiumAvailable(), () => {
  let session: ChromiumSession;
  let control: Page;

  beforeAll(async () => {
    session = await launchChromium({ extensionDir: CHROME_DIST });
    control = await session.openExtensionPage('src/pages/popup/index.html');
    // The default snooze, so the screen (README's screenshot) offers what a person would see.
    await control.evaluate((o) => chrome.storage.local.set({ devOverrides: o }), { workSeconds: CLOCK.workSeconds, breakSeconds: CLOCK.breakSeconds });
    await control.evaluate(() => (chrome.storage as unknown as { sync: { set(items: object): Promise<void> } }).sync.set({ settings: { routine: 'floor' } }));
  });

  afterAll(async () => {
    await session?.close();
  });

  it('opens with time to get on the mat, and draws the second side of child’s pose mirrored', async () => {
    const opened = session.context.waitForEvent('page', { predicate: (p) => p.url().includes(BREAK_PAGE), timeout: 20_000 });
    await control.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
    const page = await opened;
    await page.setViewportSize({ width: 520, height: 680 });
    await waitFor('the Floor plan', async () => ((await page.getByTestId('break-plan').textContent().catch(() => '')) ?? '').startsWith('Floor · 2 min · '));
    await page.locator('[data-keys="answered"]').waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByTestId('pause').click();
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    expect(await page.locator('#step-title').textContent()).toBe('Get down on your mat: Cat-cow');

    const drawing = () => page.locator('.illustration').getAttribute('data-drawing');
    const seen: string[] = [];
    // The hold itself (its instructions shown), not the "switch sides" screen before it, which shows the same drawing.
    while ((await drawing()) !== 'childs-pose-side mirrored' || (await page.locator('main.routine .how').count()) === 0) {
      const title = await page.locator('#step-title').textContent();
      seen.push(`${title} [${await drawing()}]`);
      expect(await page.getByTestId('step-forward').getAttribute('aria-disabled'), `no mirrored child's pose among ${seen.join(' · ')}`).not.toBe('true');
      await page.getByTestId('step-forward').click();
      await waitFor('the next screen', async () => (await page.locator('#step-title').textContent()) !== title, 5_000);
    }
    expect(seen).toContain('Child’s pose, side reach [childs-pose-side]');
    expect(await page.locator('.illustration').evaluate((el) => getComputedStyle(el).transform)).toBe('matrix(-1, 0, 0, 1, 0, 0)');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'break-floor-step.png') });

    const closed = page.waitForEvent('close');
    await page.getByRole('button', { name: 'Skip' }).click();
    await closed;
  });
});
