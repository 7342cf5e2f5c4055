// The "Take a break now" keyboard shortcut in Firefox ESR: the browser assigns the manifest's key, and the popup and
// the options page show the key it assigned.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, FIREFOX_DIST, waitFor } from '../support/extension';
import { closeWelcomeTab, firefoxAvailable, launchFirefox, type FirefoxSession } from '../support/firefox';
import { OPTIONS_PAGE, POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

declare const browser: { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } };

describeWithBrowser('Firefox: the keyboard shortcut', firefoxAvailable(), () => {
  let session: FirefoxSession;

  beforeAll(async () => {
    session = await launchFirefox({ extensionDir: FIREFOX_DIST });
    await closeWelcomeTab(session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('is assigned, and the popup and the options page show the key the browser assigned', async () => {
    const popup = await session.openExtensionPage(POPUP_PAGE);
    const commands = await popup.evaluate(() => browser.commands.getAll());
    const shortcut = commands.find((command) => command.name === 'take-break')?.shortcut ?? '';
    expect(shortcut).not.toBe('');
    expect(shortcut.replace(/\s/g, '')).toBe('Alt+Shift+U');
    const shown = (page: typeof popup) => page.evaluate(() => document.querySelector('[data-testid="take-break-shortcut"]')?.textContent ?? '');
    await waitFor('the popup to show the shortcut', async () => (await shown(popup)).includes(shortcut));
    const options = await session.openExtensionPage(OPTIONS_PAGE);
    await waitFor('the options page to show the shortcut', async () => (await shown(options)).includes(shortcut));
    await popup.close();
    await options.close();
  });
});
