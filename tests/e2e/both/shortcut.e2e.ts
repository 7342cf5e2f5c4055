// The "Take a break now" keyboard shortcut in real Chromium and Firefox ESR: the browser assigns the manifest's key
// (Chrome leaves a key it reserves, such as Alt+Shift+B, unset), and the popup and the options page show the key it assigned.
import { expect, it } from 'vitest';
import { waitFor } from '../support/extension';
import { describeInEachBrowser, type ExtensionApi, type SessionPage } from '../support/session';
import { OPTIONS_PAGE, POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

declare const browser: ExtensionApi;

/** The shortcut as a page shows it. */
const shownShortcut = (page: SessionPage) => page.evaluate(() => document.querySelector('[data-testid="take-break-shortcut"]')?.textContent ?? '');

describeInEachBrowser('the keyboard shortcut', {}, (session) => {
  it('is assigned, and the popup and the options page show the key the browser assigned', async () => {
    const popup = await session().openExtensionPage(POPUP_PAGE);
    const commands = await popup.evaluate(() => browser.commands.getAll());
    const shortcut = commands.find((command) => command.name === 'take-break')?.shortcut ?? '';
    expect(shortcut).not.toBe('');
    expect(shortcut.replace(/\s/g, '')).toBe('Alt+Shift+U');
    await waitFor('the popup to show the shortcut', async () => (await shownShortcut(popup)).includes(shortcut));
    const options = await session().openExtensionPage(OPTIONS_PAGE);
    await waitFor('the options page to show the shortcut', async () => (await shownShortcut(options)).includes(shortcut));
    await popup.close();
    await options.close();
  });
});
