// The "Take a break now" keyboard shortcut in real Chromium: the browser assigns the manifest's key (Chrome leaves a
// key it reserves, such as Alt+Shift+B, unset), and the popup and the options page show the key it assigned.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumAvailable, closeWelcomeTab, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser } from '../support/extension';
import { OPTIONS_PAGE, POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

declare const chrome: { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } };

describeWithBrowser('Chromium: the keyboard shortcut', chromiumAvailable(), () => {
  let session: ChromiumSession;

  beforeAll(async () => {
    session = await launchChromium({ extensionDir: CHROME_DIST });
    await closeWelcomeTab(session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('is assigned, and the popup and the options page show the key the browser assigned', async () => {
    const popup = await session.openExtensionPage(POPUP_PAGE);
    const commands = await popup.evaluate(() => chrome.commands.getAll());
    const shortcut = commands.find((command) => command.name === 'take-break')?.shortcut ?? '';
    expect(shortcut).not.toBe('');
    expect(shortcut.replace(/\s/g, '')).toBe('Alt+Shift+U');
    await expect.poll(() => popup.getByTestId('take-break-shortcut').textContent()).toContain(shortcut);
    const options = await session.openExtensionPage(OPTIONS_PAGE);
    await expect.poll(() => options.getByTestId('take-break-shortcut').textContent()).toContain(shortcut);
    await popup.close();
    await options.close();
  });
});
