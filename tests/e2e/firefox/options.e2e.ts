// The options page in the built Firefox extension, in real Firefox ESR: it renders every setting and saves a valid value, not an invalid one.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SETTING_KEYS } from '../../../src/core/settings';
import { describeWithBrowser, FIREFOX_DIST, waitFor } from '../support/extension';
import { firefoxAvailable, launchFirefox, type FirefoxSession } from '../support/firefox';

const OPTIONS_PAGE = 'src/pages/options/index.html';

declare const browser: { storage: { sync: { get(key: string): Promise<Record<string, unknown>> } } };

async function storedSettings(page: Page): Promise<Record<string, unknown> | undefined> {
  return page.evaluate(async () => (await browser.storage.sync.get('settings')).settings as Record<string, unknown> | undefined);
}

describeWithBrowser('Firefox: the options page', firefoxAvailable(), () => {
  let session: FirefoxSession;
  let page: Page;

  beforeAll(async () => {
    session = await launchFirefox({ extensionDir: FIREFOX_DIST });
    page = await session.openExtensionPage(OPTIONS_PAGE);
    await page.waitForSelector('#field-workMinutes');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('renders a control for every setting', async () => {
    const rendered = await page.$$eval('[data-setting]', (elements) => elements.map((e) => e.getAttribute('data-setting')));
    expect([...new Set(rendered)].sort()).toEqual([...SETTING_KEYS].sort());
    expect(await page.$eval('#field-workMinutes', (e) => (e as HTMLInputElement).value)).toBe('30');
  });

  it('refuses an invalid value beside its field and saves a valid one', async () => {
    await page.click('#field-workMinutes', { count: 3 });
    await page.type('#field-workMinutes', '500');
    await page.waitForSelector('#field-workMinutes-error');
    expect(await page.$eval('#field-workMinutes-error', (e) => e.textContent)).toBe('Enter a number from 5 to 180.');
    await new Promise((r) => setTimeout(r, 800));
    // Typing "500" passes through "5" and "50": neither is saved, the stored value stays the default.
    expect((await storedSettings(page))?.workMinutes ?? 30).toBe(30);

    await page.click('#field-workMinutes', { count: 3 });
    await page.type('#field-workMinutes', '50');
    await waitFor('workMinutes 50 to be stored', async () => (await storedSettings(page))?.workMinutes === 50);
    expect(await storedSettings(page)).toMatchObject({ version: 1, workMinutes: 50 });
    await page.waitForFunction(() => document.querySelector('#save-status')?.textContent === 'Saved');
    expect(await page.$('#field-workMinutes-error')).toBeNull();
  });

  it('a switch saves at once', async () => {
    await page.click('#field-voice');
    await waitFor('voice on to be stored', async () => (await storedSettings(page))?.voice === true);
  });
});
