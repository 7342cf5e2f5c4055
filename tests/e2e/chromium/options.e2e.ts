// The options page in the built Chrome extension, in real Chromium: validation, live save, overlay permission, keyboard, import/reset, theme, axe.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTING_KEYS } from '../../../src/core/settings';
import { chromiumAvailable, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, waitFor } from '../support/extension';

const OPTIONS_PAGE = 'src/pages/options/index.html';

declare const chrome: {
  storage: { sync: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void>; clear(): Promise<void> } };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
};

async function storedSettings(page: Page): Promise<Record<string, unknown> | undefined> {
  return page.evaluate(async () => (await chrome.storage.sync.get('settings')).settings as Record<string, unknown> | undefined);
}

async function savedStatus(page: Page): Promise<void> {
  await page.locator('#save-status', { hasText: 'Saved' }).waitFor({ timeout: 5_000 });
}

describeWithBrowser('Chromium: the options page', chromiumAvailable(), () => {
  let session: ChromiumSession;
  let page: Page;

  beforeAll(async () => {
    // Headless Chromium can't answer permissions.request: start granted, test the switch's removal path.
    session = await launchChromium({ extensionDir: CHROME_DIST, grantOrigins: ['<all_urls>'] });
  });

  afterAll(async () => {
    await session?.close();
  });

  beforeEach(async () => {
    await page?.close();
    page = await session.openExtensionPage(OPTIONS_PAGE);
    await page.evaluate(() => chrome.storage.sync.clear());
    await page.reload();
    await page.locator('#field-workMinutes').waitFor();
  });

  it('has a labelled control for every setting in the schema', async () => {
    const rendered = await page.$$eval('[data-setting]', (elements) => elements.map((e) => e.getAttribute('data-setting')));
    expect([...new Set(rendered)].sort()).toEqual([...SETTING_KEYS].sort());
    expect(await page.getByLabel('Minutes of screen time between breaks').inputValue()).toBe('30');
    // Every form control has an accessible name.
    const unnamed = await page.$$eval('input, select, textarea, button', (elements) =>
      elements.filter((e) => !(e as HTMLInputElement).labels?.length && !e.getAttribute('aria-label') && !e.textContent?.trim()).map((e) => e.id),
    );
    expect(unnamed).toEqual([]);
  });

  it('shows a message beside an invalid value and does not store it; a valid value is stored', async () => {
    const work = page.locator('#field-workMinutes');
    await work.fill('200');
    const error = page.locator('#field-workMinutes-error');
    await expect(error.textContent()).resolves.toBe('Enter a number from 5 to 180.');
    expect(await work.getAttribute('aria-invalid')).toBe('true');
    expect(await work.getAttribute('aria-describedby')).toContain('field-workMinutes-error');
    await page.waitForTimeout(800);
    expect(await storedSettings(page)).toBeUndefined();

    await work.fill('45');
    await savedStatus(page);
    expect(await error.count()).toBe(0);
    expect(await work.getAttribute('aria-invalid')).toBe('false');
    expect(await storedSettings(page)).toMatchObject({ version: 1, workMinutes: 45, breakSeconds: 120 });
  });

  it('refuses a break longer than the natural-break threshold, beside the break field', async () => {
    await page.locator('#field-breakSeconds').fill('400');
    await page.locator('#field-breakSeconds-error').waitFor();
    expect(await page.locator('#field-breakSeconds-error').textContent()).toContain('at most 300 s');
    await page.waitForTimeout(800);
    expect(await storedSettings(page)).toBeUndefined();
  });

  it('the overlay switch shows granted access and removes it', async () => {
    const overlay = page.getByRole('switch', { name: "Show breaks over the page I'm using" });
    await waitFor('the switch to show the granted state', async () => overlay.isChecked());
    await overlay.click();
    await waitFor('the switch to turn off', async () => !(await overlay.isChecked()));
    expect(await page.evaluate(() => chrome.permissions.contains({ origins: ['<all_urls>'] }))).toBe(false);
    await page.getByText(/^Off: breaks open in a small window/).waitFor();
  });

  it('works keyboard-only: Tab reaches the controls in order, Space and arrows change and save them', async () => {
    await page.locator('body').focus();
    const order: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    expect(order.slice(0, 6)).toEqual([
      'field-workMinutes',
      'field-breakSeconds',
      'field-snoozeMinutes',
      'field-maxSnoozesInRow',
      'field-strict',
      'field-headsUpSeconds',
    ]);
    // Back to strict mode and switch it on with the keyboard.
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'field-strict') await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    await savedStatus(page);
    await waitFor('strict to be stored', async () => (await storedSettings(page))?.strict === true);
    // A number with the arrow keys.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-maxSnoozesInRow');
    await page.keyboard.press('ArrowUp');
    await waitFor('maxSnoozesInRow 4 to be stored', async () => (await storedSettings(page))?.maxSnoozesInRow === 4);
    // A focus ring is visible on the focused control.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
  });

  it('an exercise switched off is stored and leaves the break preview', async () => {
    const preview = page.getByTestId('break-preview');
    expect(await preview.textContent()).toContain('Posture check');
    await page.getByRole('switch', { name: 'Posture check' }).click();
    await waitFor('the exercise to be stored as off', async () => {
      const stored = await storedSettings(page);
      return Array.isArray(stored?.disabledExercises) && stored.disabledExercises.includes('posture-reset');
    });
    expect(await preview.textContent()).not.toContain('Posture check');
  });

  it('working hours: no days while enabled is refused beside the days', async () => {
    await page.getByRole('switch', { name: 'Count screen time only during working hours' }).click();
    await waitFor('working hours to be stored', async () => (await storedSettings(page))?.workingHours !== undefined);
    for (const day of [1, 2, 3, 4]) await page.locator(`#field-workingHours-day-${day}`).uncheck();
    // The last day can't go while working hours are on: the box stays checked and says why.
    await page.locator('#field-workingHours-day-5').click();
    await page.locator('#field-workingHours-days-error').waitFor();
    expect(await page.locator('#field-workingHours-day-5').isChecked()).toBe(true);
    expect(await page.locator('#field-workingHours-days-error').textContent()).toBe('Pick at least one day, or turn working hours off.');
    const stored = (await storedSettings(page))?.workingHours as { days: number[] };
    expect(stored.days.length).toBe(1);
    await page.locator('#field-workingHours-end').fill('18:30');
    await waitFor('the end time to be stored', async () => ((await storedSettings(page))?.workingHours as { endMinute: number }).endMinute === 18 * 60 + 30);
  });

  it('import: a bad file changes nothing and says what is wrong where; a good one is applied', async () => {
    const input = page.locator('#import-settings');
    await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ version: 1, workMinutes: 2, theme: 'neon' })) });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain('Nothing was changed: bad.json');
    expect(text).toContain('Minutes of screen time between breaks (workMinutes): Enter a number from 5 to 180.');
    expect(text).toContain('Theme (theme): Must be one of: system, light, dark.');
    expect(await storedSettings(page)).toBeUndefined();

    // Names every object inherits are no settings: refused by name, and nothing stored.
    const inherited = '{"version": 1, "__proto__": {"workMinutes": 5}, "toString": 1, "workingHours": {"constructor": 1}}';
    await input.setInputFiles({ name: 'inherited.json', mimeType: 'application/json', buffer: Buffer.from(inherited) });
    await page.getByRole('alert').getByText('Nothing was changed: inherited.json').waitFor();
    const refused = (await page.getByRole('alert').textContent()) ?? '';
    for (const name of ['__proto__', 'toString', 'workingHours.constructor']) expect(refused).toContain(`(${name}): There is no setting called ${name}.`);
    expect(await storedSettings(page)).toBeUndefined();

    await input.setInputFiles({ name: 'notjson.json', mimeType: 'application/json', buffer: Buffer.from('{ nope') });
    await page.getByRole('alert').getByText(/It is not a JSON file/).waitFor();

    await input.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ intervalMinutes: 20 })) });
    await page.locator('#save-status', { hasText: 'Settings imported and saved' }).waitFor();
    expect(await storedSettings(page)).toMatchObject({ version: 1, workMinutes: 20 });
    expect(await page.locator('#field-workMinutes').inputValue()).toBe('20');
  });

  it('export downloads the settings as JSON', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export settings' }).click()]);
    expect(download.suggestedFilename()).toBe('unhunch-settings.json');
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ version: 1, ...DEFAULT_SETTINGS });
  });

  it('reset asks first, then restores the defaults', async () => {
    await page.locator('#field-snoozeMinutes').fill('9');
    await waitFor('snooze 9 stored', async () => (await storedSettings(page))?.snoozeMinutes === 9);
    await page.getByRole('button', { name: 'Reset to defaults…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset all settings?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await storedSettings(page))?.snoozeMinutes).toBe(9);
    await page.getByRole('button', { name: 'Reset to defaults…' }).click();
    await dialog.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.locator('#save-status', { hasText: 'back to their defaults' }).waitFor();
    expect(await storedSettings(page)).toEqual({ version: 1, ...DEFAULT_SETTINGS });
    expect(await page.locator('#field-snoozeMinutes').inputValue()).toBe('5');
  });

  it('the theme setting sets data-theme on the page', async () => {
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('system');
    await page.getByRole('radio', { name: 'Dark' }).check();
    await waitFor('data-theme=dark', async () => (await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(16, 22, 21)');
    expect((await storedSettings(page))?.theme).toBe('dark');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations in ${scheme} mode`, async () => {
      await page.emulateMedia({ colorScheme: scheme });
      // An error message and the reset dialog are part of the page too.
      await page.locator('#field-workMinutes').fill('1');
      await page.locator('#field-workMinutes-error').waitFor();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await page.getByRole('button', { name: 'Reset to defaults…' }).click();
      const withDialog = await new AxeBuilder({ page }).include('dialog').analyze();
      expect(withDialog.violations.map((v) => v.id)).toEqual([]);
    });
  }
});
