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
import { answerBreak, findExtensionTab, firefoxAvailable, launchFirefox, type FirefoxSession } from '../support/firefox';

const POPUP_PAGE = 'src/pages/popup/index.html';
const OPTIONS_PAGE = 'src/pages/options/index.html';
const WELCOME_PAGE = 'src/pages/welcome/index.html';
const BREAK_PAGE = 'src/pages/break/index.html';

declare const browser: {
  storage: { local: { get(keys: string | string[]): Promise<Record<string, unknown>> } };
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
