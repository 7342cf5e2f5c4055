// Every shipped language in real Chromium: the popup (360 px wide), the options page (1280 px and
// 400 px wide) and the break page (the 520 × 680 window and a 1280 × 600 viewport, the overlay's
// size: prompt, a routine step, Done) hold their text. A button, heading or label whose text is
// wider or taller than its box, cut by an ancestor or past the window fails the test, named.
// The languages are read from the built package, so a new one is covered without touching this file.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumAvailable, closeWelcomeTab, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, SCREENSHOTS_DIR, waitFor, type DevOverrides } from '../support/extension';
import { describeOverflow, findOverflowingText } from '../support/layout';
import { BREAK_PAGE, OPTIONS_PAGE, POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

// 8 s: the routine reaches Done quickly (the default 30 min of work brings no break meanwhile).
const CLOCK: DevOverrides = { breakSeconds: 8 };
/** README's screenshots in these languages. */
const SCREENSHOT_LOCALES = new Set(['ja', 'ru']);

declare const chrome: {
  storage: { local: { set(items: object): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

interface ShippedLocale {
  folder: string;
  /** The file's own BCP 47 tag ("pt-BR"): what the pages' `lang` must say. */
  tag: string;
  messages: Record<string, { message: string }>;
}

const SHIPPED: readonly ShippedLocale[] = fs.existsSync(path.join(CHROME_DIST, '_locales'))
  ? fs
      .readdirSync(path.join(CHROME_DIST, '_locales'))
      .sort()
      .map((folder) => {
        const messages = JSON.parse(fs.readFileSync(path.join(CHROME_DIST, '_locales', folder, 'messages.json'), 'utf8')) as ShippedLocale['messages'];
        return { folder, tag: messages.localeTag?.message ?? folder, messages };
      })
  : [];

async function expectTextFits(page: Page, where: string): Promise<void> {
  const offenders = await findOverflowingText(page);
  expect(offenders, `${where}: ${describeOverflow(offenders)}`).toEqual([]);
}

const lang = (page: Page) => page.evaluate(() => document.documentElement.lang);

for (const locale of SHIPPED) {
  describeWithBrowser(`Chromium in ${locale.tag}: no text overflows or is cut`, chromiumAvailable(), () => {
    let session: ChromiumSession;
    const shot = (page: Page, name: string) =>
      SCREENSHOT_LOCALES.has(locale.folder) ? page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}-${locale.folder}.png`) }) : Promise.resolve();

    beforeAll(async () => {
      session = await launchChromium({
        extensionDir: CHROME_DIST,
        args: [`--lang=${locale.tag}`],
        env: { LANGUAGE: locale.folder, LANG: `${locale.folder}.UTF-8` },
      });
      await closeWelcomeTab(session);
      fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    });

    afterAll(async () => {
      await session?.close();
    });

    it('popup, options, and the break page from prompt to Done', async () => {
      const popup = await session.openExtensionPage(POPUP_PAGE);
      await popup.setViewportSize({ width: 360, height: 600 });
      await popup.getByTestId('next-break').waitFor();
      // The browser really shows this language (not English standing in for it).
      expect(await lang(popup)).toBe(locale.tag);
      await expectTextFits(popup, 'popup at 360 px');
      await shot(popup, 'popup');

      const options = await session.openExtensionPage(OPTIONS_PAGE);
      await options.locator('#field-workMinutes').waitFor();
      for (const width of [1280, 400]) {
        await options.setViewportSize({ width, height: 900 });
        await expectTextFits(options, `options at ${width} px`);
      }
      await options.close();

      await popup.evaluate((o) => chrome.storage.local.set({ devOverrides: o }), CLOCK);
      const opened = session.context.waitForEvent('page', { predicate: (p) => p.url().includes(BREAK_PAGE), timeout: 20_000 });
      await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
      const page = await opened;
      const start = page.getByRole('button', { name: locale.messages.buttonStart!.message, exact: true });
      for (const size of [{ width: 520, height: 680 }, { width: 1280, height: 600 }]) {
        await page.setViewportSize(size);
        await start.waitFor();
        await page.getByTestId('break-plan').filter({ hasText: /\S/ }).waitFor();
        await expectTextFits(page, `break prompt at ${size.width} × ${size.height}`);
      }
      await page.setViewportSize({ width: 520, height: 680 });
      await page.locator('[data-keys="answered"]').waitFor();
      await start.click();
      // Paused, then stepped on to the first hold (its instructions shown), so it stays while it is measured.
      await page.getByTestId('pause').click();
      const resume = page.getByRole('button', { name: locale.messages.buttonResume!.message, exact: true });
      await resume.waitFor();
      while ((await page.locator('main.routine .how').count()) === 0) {
        const title = await page.locator('#step-title').textContent();
        await page.getByTestId('step-forward').click();
        await waitFor('the next screen', async () => (await page.locator('#step-title').textContent()) !== title, 5_000);
      }
      for (const size of [{ width: 520, height: 680 }, { width: 1280, height: 600 }]) {
        await page.setViewportSize(size);
        await expectTextFits(page, `a routine step at ${size.width} × ${size.height}`);
      }
      await page.setViewportSize({ width: 520, height: 680 });
      await shot(page, 'break-step');
      await resume.click();

      await page.getByRole('heading', { name: locale.messages.doneHeading!.message, exact: true }).waitFor({ timeout: 30_000 });
      const close = page.getByRole('button', { name: locale.messages.buttonClose!.message, exact: true });
      for (const size of [{ width: 520, height: 680 }, { width: 1280, height: 600 }]) {
        await page.setViewportSize(size);
        await expectTextFits(page, `Done at ${size.width} × ${size.height}`);
      }
      // The click closes the window it lands in: Playwright may see its page go before the click returns.
      await Promise.all([
        page.waitForEvent('close'),
        close.click().catch((error: unknown) => {
          if (!page.isClosed()) throw error;
        }),
      ]);
    });
  });
}
