// A Floor break in real Chromium shows each step as it is done: time to get on the mat first, and the second side of
// child's pose drawn mirrored; its screen is the README's screenshot. (Chromium only: the screenshot is Chromium's, and the
// steps are walked with Playwright's locators.)
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, SCREENSHOTS_DIR, waitFor, type DevOverrides } from '../support/extension';
import { BREAK_PAGE, POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

// No automatic breaks: the one break is asked for with `break:now`.
const CLOCK: DevOverrides = { workSeconds: 3_600, breakSeconds: 6 };

declare const chrome: {
  storage: { local: { set(items: object): Promise<void> }; sync: { set(items: object): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

describeWithBrowser('Chromium: a Floor break shows each step as it is done', chromiumAvailable(), () => {
  let session: ChromiumSession;
  let control: Page;

  beforeAll(async () => {
    session = await launchChromium({ extensionDir: CHROME_DIST });
    control = await session.openExtensionPage(POPUP_PAGE);
    // The default snooze, so the screen (README's screenshot) offers what a person would see.
    await control.evaluate((o) => chrome.storage.local.set({ devOverrides: o }), CLOCK);
    await control.evaluate(() => chrome.storage.sync.set({ settings: { routine: 'floor' } }));
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
