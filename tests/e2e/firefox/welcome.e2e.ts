// Onboarding in the built Firefox extension: the welcome tab opens on install, and its button grants breaks over pages in one click.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, FIREFOX_DIST, waitFor } from '../support/extension';
import { findExtensionTab, firefoxAvailable, launchFirefox, type FirefoxSession } from '../support/firefox';

const WELCOME_PAGE = 'src/pages/welcome/index.html';

declare const browser: {
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  storage: { sync: { get(key: string): Promise<Record<string, unknown>> } };
};

describeWithBrowser('Firefox: the welcome page on install', firefoxAvailable(), () => {
  let session: FirefoxSession;
  let welcome: Page;

  beforeAll(async () => {
    // Temporary add-ons get <all_urls> by default; turn that off so the grant is the user's click.
    session = await launchFirefox({ extensionDir: FIREFOX_DIST, prefs: { 'extensions.originControls.grantByDefault': false } });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('opens in a new tab when the add-on is installed', async () => {
    welcome = await waitFor('the welcome tab', () => findExtensionTab(session, WELCOME_PAGE), 20_000);
    await welcome.waitForSelector('h1');
    expect(await welcome.$eval('h1', (h) => h.textContent)).toBe('Welcome to Unhunch');
    expect(await welcome.evaluate(() => document.body.textContent)).toContain('no treatment for herniated or bulging discs or scoliosis');
  });

  it('one click on the overlay button grants access to pages and shows it', async () => {
    expect(await welcome.evaluate(() => browser.permissions.contains({ origins: ['<all_urls>'] }))).toBe(false);
    await welcome.waitForSelector('#welcome-allow-overlay');
    await welcome.click('#welcome-allow-overlay');
    await waitFor('the permission', () => welcome.evaluate(() => browser.permissions.contains({ origins: ['<all_urls>'] })));
    await welcome.waitForSelector('[data-testid="overlay-state"][data-state="granted"]');
    expect(await welcome.$eval('[data-testid="overlay-state"]', (el) => el.textContent)).toBe('Allowed: breaks will appear over the page you are on.');
    expect(await welcome.$('#welcome-allow-overlay')).toBeNull();
  });

  it('choosing an interval saves it into storage.sync', async () => {
    await welcome.click('input[name="interval"][value="20"]');
    await waitFor('workMinutes 20', () =>
      welcome.evaluate(async () => ((await browser.storage.sync.get('settings')).settings as { workMinutes?: number } | undefined)?.workMinutes === 20),
    );
  });
});
