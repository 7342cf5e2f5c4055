// `lang` and `dir` in Firefox from the language of the messages shown. Debian's Firefox ESR has no
// language packs, so `intl.locale.requested` can't switch its UI to German; the test installs a
// copy of the build whose only locale is German (default_locale "de"), which is what a German
// Firefox would show, and every page must then say lang="de" — the tag the German file names,
// not the browser's en-US.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, FIREFOX_DIST, waitFor } from '../support/extension';
import { answerBreak, clickButton, closeWelcomeTab, findExtensionTab, firefoxAvailable, launchFirefox, type FirefoxSession } from '../support/firefox';
import { describeOverflow, findOverflowingText } from '../support/layout';
import { BREAK_PAGE, OPTIONS_PAGE, POPUP_PAGE, WELCOME_PAGE } from '../../../src/core/contracts/extension-paths';

declare const browser: {
  storage: { local: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

const langAndDir = (page: Page) => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);

async function breakWindow(session: FirefoxSession): Promise<Page | null> {
  for (const p of await session.browser.pages()) {
    const url = await Promise.race([p.evaluate(() => location.href), new Promise<string>((r) => setTimeout(() => r(''), 300))]).catch(() => '');
    if (url.includes(BREAK_PAGE) && url.includes('surface=window')) return p;
  }
  return null;
}

describeWithBrowser('Firefox: lang and dir in German', firefoxAvailable(), () => {
  let session: FirefoxSession;
  let extensionDir: string;

  beforeAll(async () => {
    extensionDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-ff-de-'));
    fs.cpSync(FIREFOX_DIST, extensionDir, { recursive: true });
    const manifestFile = path.join(extensionDir, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { default_locale?: string };
    manifest.default_locale = 'de';
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    for (const locale of fs.readdirSync(path.join(extensionDir, '_locales'))) {
      if (locale !== 'de') fs.rmSync(path.join(extensionDir, '_locales', locale), { recursive: true, force: true });
    }
    session = await launchFirefox({ extensionDir, prefs: { 'extensions.originControls.grantByDefault': false } });
  });

  afterAll(async () => {
    await session?.close();
    if (extensionDir) fs.rmSync(extensionDir, { recursive: true, force: true });
  });

  it('every page says lang="de" dir="ltr": welcome, popup, options and the break window', async () => {
    const welcome = await waitFor('the welcome tab', () => findExtensionTab(session, WELCOME_PAGE), 20_000);
    expect(await langAndDir(welcome)).toEqual(['de', 'ltr']);
    await welcome.close();

    const popup = await session.openExtensionPage(POPUP_PAGE);
    await popup.waitForFunction(() => document.body.textContent?.includes('Nächste Pause in'), { timeout: 10_000 });
    expect(await langAndDir(popup)).toEqual(['de', 'ltr']);

    const options = await session.openExtensionPage(OPTIONS_PAGE);
    await options.waitForSelector('#field-workMinutes', { timeout: 10_000 });
    expect(await langAndDir(options)).toEqual(['de', 'ltr']);
    // The week as Germany reads it, Monday first, in Firefox too (getWeekInfo or the fallback table).
    const days = await options.$$eval('[id^="field-workingHours-day-"]', (inputs) => inputs.map((input) => input.id.replace(/\D/g, '')));
    expect(days).toEqual(['1', '2', '3', '4', '5', '6', '0']);
    await options.close();

    await popup.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
    const opened = await waitFor('the break window', () => breakWindow(session), 15_000);
    await opened.waitForSelector('h1', { timeout: 10_000 });
    expect(await langAndDir(opened)).toEqual(['de', 'ltr']);
    const breakId = await popup.evaluate(async () => {
      const { schedule } = (await browser.storage.local.get('schedule')) as { schedule?: { mode: { kind: string; breakId?: number } } };
      return schedule?.mode.kind === 'due' ? (schedule.mode.breakId ?? null) : null;
    });
    if (breakId !== null) await answerBreak(session, { type: 'break:skip', breakId });
    await waitFor('the break window to close', async () => (await breakWindow(session)) === null);
  });
});

/** A copy of the build whose only language is `locale` (what a Firefox in that language shows), in a scratch folder. */
function buildInOnly(locale: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `unhunch-ff-${locale}-`));
  fs.cpSync(FIREFOX_DIST, dir, { recursive: true });
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { default_locale?: string };
  manifest.default_locale = locale;
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  for (const other of fs.readdirSync(path.join(dir, '_locales'))) {
    if (other !== locale) fs.rmSync(path.join(dir, '_locales', other), { recursive: true, force: true });
  }
  return dir;
}

// The break page in Japanese and Russian with Firefox's fonts and layout: prompt, a routine step and
// Done hold their text in the 520 × 680 window and at the overlay's 1280 × 600.
for (const locale of ['ja', 'ru']) {
  describeWithBrowser(`Firefox: the break page in ${locale} holds its text`, firefoxAvailable(), () => {
    let session: FirefoxSession;
    let extensionDir: string;
    const messages = JSON.parse(fs.readFileSync(path.join(FIREFOX_DIST, '_locales', locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
    const text = (key: string) => messages[key]!.message;

    beforeAll(async () => {
      extensionDir = buildInOnly(locale);
      session = await launchFirefox({ extensionDir, prefs: { 'extensions.originControls.grantByDefault': false } });
      await closeWelcomeTab(session, { optional: true });
    });

    afterAll(async () => {
      await session?.close();
      if (extensionDir) fs.rmSync(extensionDir, { recursive: true, force: true });
    });

    it('prompt, a routine step and Done, in the window and at the overlay size', async () => {
      const control = await session.openExtensionPage(POPUP_PAGE);
      await control.waitForSelector('[data-testid="next-break"]', { timeout: 10_000 });
      await control.evaluate(() => browser.storage.local.set({ devOverrides: { workSeconds: 3_600, breakSeconds: 8, snoozeSeconds: 3_600 } }));
      await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
      const page = await waitFor('the break window', () => breakWindow(session), 15_000);
      expect(await langAndDir(page)).toEqual([locale, 'ltr']);
      const fits = async (where: string) => {
        for (const size of [{ width: 520, height: 680 }, { width: 1280, height: 600 }]) {
          await page.setViewport(size);
          const offenders = await findOverflowingText(page);
          expect(offenders, `${where} at ${size.width} × ${size.height}: ${describeOverflow(offenders)}`).toEqual([]);
        }
        await page.setViewport({ width: 520, height: 680 });
      };
      await page.waitForSelector('main[data-keys="answered"]', { timeout: 10_000 });
      await page.waitForFunction(() => /\S/.test(document.querySelector('[data-testid="break-plan"]')?.textContent ?? ''), { timeout: 10_000 });
      await fits('the prompt');

      await page.click('button.primary');
      await page.waitForSelector('[data-testid="pause"]');
      await page.click('[data-testid="pause"]');
      await page.waitForFunction((resume) => document.querySelector('[data-testid="pause"]')?.textContent === resume, { timeout: 5_000 }, text('buttonResume'));
      // On to the first hold (its instructions shown), still paused while it is measured.
      while (!(await page.$('main.routine .how'))) {
        const title = await page.$eval('#step-title', (h) => h.textContent);
        await page.click('[data-testid="step-forward"]');
        await waitFor('the next screen', async () => (await page.$eval('#step-title', (h) => h.textContent)) !== title, 5_000);
      }
      await fits('a routine step');
      await page.click('[data-testid="pause"]');

      await page.waitForFunction((done) => document.querySelector('h1')?.textContent === done, { timeout: 30_000 }, text('doneHeading'));
      await fits('Done');
      await clickButton(page, text('buttonClose'));
      await waitFor('the break window to close', async () => (await breakWindow(session)) === null);
    });
  });
}
