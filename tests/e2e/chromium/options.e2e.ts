// The options page in the built Chrome extension, in real Chromium: validation, live save, overlay permission, keyboard, import/reset, theme, axe;
// the list of sections and the filter, in each language below, and a layout that holds wide and narrow.
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTING_KEYS } from '../../../src/core/rules/settings-schema';
import { chromiumAvailable, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, SCREENSHOTS_DIR, waitFor } from '../support/extension';
import { describeOverflow, findOverflowingText } from '../support/layout';
import { OPTIONS_PAGE } from '../../../src/core/contracts/extension-paths';

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

  it('works keyboard-only: Tab reaches the filter, the sections, then the controls in order; Space and arrows change and save them', async () => {
    await page.locator('body').focus();
    const order: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('href') || ''));
    }
    const sections = await page.$$eval('nav a', (links) => links.map((link) => link.getAttribute('href')));
    expect(sections.length).toBe(10);
    expect(order.slice(0, 1 + sections.length)).toEqual(['settings-filter', ...sections]);
    expect(order.slice(1 + sections.length, 7 + sections.length)).toEqual([
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

  it('the section list jumps to a section and marks the one being read as the page scrolls', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const nav = page.getByRole('navigation', { name: 'Sections' });
    const link = (name: string) => nav.getByRole('link', { name, exact: true });
    const current = () => nav.locator('a[aria-current="location"]').textContent();
    await waitFor('Breaks to be current at the top', async () => (await current()) === 'Breaks');

    await link('Appearance').click();
    await waitFor('Appearance to be current', async () => (await current()) === 'Appearance');
    expect(page.url()).toMatch(/#section-appearance$/);
    // The section lands just below the sticky header, not under it.
    const landed = await page.evaluate(() => ({
      section: document.getElementById('section-appearance')!.getBoundingClientRect().top,
      header: document.querySelector('.options-header')!.getBoundingClientRect().bottom,
    }));
    expect(landed.section).toBeGreaterThanOrEqual(landed.header);
    expect(landed.section).toBeLessThan(landed.header + 40);

    // The last section is too short to reach the reading line: a jump to it still marks it.
    await link('Back up and reset').click();
    await waitFor('Back up and reset to be current', async () => (await current()) === 'Back up and reset');

    // Scrolling by hand moves the mark along.
    await page.mouse.move(700, 500);
    await page.mouse.wheel(0, -50);
    await page.evaluate(() => document.getElementById('section-detection')!.scrollIntoView());
    await waitFor('Screen time to be current after scrolling', async () => (await current()) === 'Screen time');
    expect(await nav.locator('a[aria-current]').count()).toBe(1);
  });

  it('the overflow check finds text cut off by its own box, by an ancestor, and past the window', async () => {
    // The layout check other tests rely on must not pass by finding nothing.
    expect(await findOverflowingText(page)).toEqual([]);
    await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.id = 'overflow-probe';
      // Out of the flow: a 5000 px heading in the settings' column would widen every section with it.
      probe.style.cssText = 'position: absolute; top: 0; left: 0';
      probe.innerHTML = `
        <button id="narrow-button" style="width: 60px; white-space: nowrap; overflow: hidden">A label far too long for it</button>
        <div style="width: 80px; overflow: hidden"><label id="clipped-label" style="display: block; width: 300px">Clipped by the box around it</label></div>
        <h3 id="wide-heading" style="width: 5000px">Wider than the window</h3>
        <span class="visually-hidden"><button>Meant for screen readers only</button></span>`;
      document.body.append(probe);
    });
    const found = await findOverflowingText(page);
    expect(found.map((o) => [o.element, o.reason])).toEqual([
      ['button#narrow-button', 'overflows its box'],
      ['label#clipped-label', 'clipped by an ancestor'],
      ['h3#wide-heading', 'beyond the window'],
    ]);
    expect(found[0]).toMatchObject({ text: 'A label far too long for it', clientWidth: expect.any(Number) });
    expect(found[0]!.scrollWidth).toBeGreaterThan(found[0]!.clientWidth);
    await page.evaluate(() => document.getElementById('overflow-probe')!.remove());
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations in ${scheme} mode`, async () => {
      await page.emulateMedia({ colorScheme: scheme });
      // An error message and the reset dialog are part of the page too.
      await page.locator('#field-workMinutes').fill('1');
      await page.locator('#field-workMinutes-error').waitFor();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      // The filter narrowing the page (a section list with a current section, a result count), then matching nothing.
      for (const query of ['snooze', 'zzqx']) {
        await page.locator('#settings-filter').fill(query);
        await page.locator('#settings-filter-result').filter({ hasText: /\S/ }).waitFor();
        const filtered = await new AxeBuilder({ page }).analyze();
        expect(filtered.violations.map((v) => `${query}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      }
      await page.locator('#settings-filter').fill('');
      await page.getByRole('button', { name: 'Reset to defaults…' }).click();
      const withDialog = await new AxeBuilder({ page }).include('dialog').analyze();
      expect(withDialog.violations.map((v) => v.id)).toEqual([]);
    });
  }
});

/** A language's messages as built, with $NAME$ placeholders filled: what the page must show. */
function message(locale: string, key: string, ...substitutions: string[]): string {
  const file = path.join(CHROME_DIST, '_locales', locale, 'messages.json');
  const entry = (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>)[key];
  if (!entry) throw new Error(`${locale} has no message ${key}`);
  let text = entry.message;
  for (const [name, { content }] of Object.entries(entry.placeholders ?? {}))
    text = text.replaceAll(new RegExp(`\\$${name}\\$`, 'gi'), substitutions[Number(content.slice(1)) - 1] ?? '');
  return text;
}

/** How Chromium on Linux is started in a language: its UI language and the process locale. */
function inLanguage(locale: string): { args: string[]; env: Record<string, string> } {
  const region = locale.includes('_') ? locale : locale === 'en' ? 'en_US' : `${locale}_${locale.toUpperCase()}`;
  return { args: [`--lang=${locale.replace('_', '-')}`], env: { LANGUAGE: locale, LANG: `${region}.UTF-8` } };
}

/**
 * Per language: a word of a setting's label as a person would type it there, and the setting it must find.
 * Adding a language is one line here (the browser is started in it, the page's texts come from its messages.json).
 */
const FILTER_CASES: ReadonlyArray<{ locale: string; word: string; setting: string }> = [
  { locale: 'en', word: 'fullscreen', setting: 'callHoldMinutes' },
  { locale: 'de', word: 'Vollbild', setting: 'callHoldMinutes' },
  // Case and accents don't matter: "nächsten" in "Minuten bis zur nächsten Pause …".
  { locale: 'de', word: 'NACHSTEN', setting: 'badgeMinutes' },
  // Japanese has no spaces between words: a part of a label finds it ("スヌーズ時間（分）").
  { locale: 'ja', word: 'スヌーズ時間', setting: 'snoozeMinutes' },
];

for (const locale of [...new Set(FILTER_CASES.map((c) => c.locale))]) {
  describeWithBrowser(`Chromium: the options page's sections and filter in ${locale}`, chromiumAvailable(), () => {
    let session: ChromiumSession;
    let page: Page;

    beforeAll(async () => {
      session = await launchChromium({ extensionDir: CHROME_DIST, ...inLanguage(locale) });
      page = await session.openExtensionPage(OPTIONS_PAGE);
      await page.locator('#field-workMinutes').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(message(locale, 'localeTag'));
    });

    afterAll(async () => {
      await session?.close();
    });

    const filter = () => page.getByRole('searchbox', { name: message(locale, 'optFilterLabel') });
    const shownItems = () => page.$$eval('[data-filter-item]', (items) => items.filter((item) => item.checkVisibility()).map((item) => item.getAttribute('data-filter-item')));

    describe('the filter', () => {
      for (const { word, setting } of FILTER_CASES.filter((c) => c.locale === locale)) {
        it(`finds ${setting} by "${word}"; Escape brings every setting back`, async () => {
          const all = (await shownItems()).length;
          await filter().fill(word);
          await waitFor(`${setting} alone or among few`, async () => {
            const shown = await shownItems();
            return shown.includes(setting) && shown.length < all;
          });
          const shown = await shownItems();
          await page.locator('#settings-filter-result', { hasText: message(locale, 'optFilterCount', String(shown.length)) }).waitFor();
          expect(await page.locator('#settings-filter-result').getAttribute('aria-live')).toBe('polite');
          // A section left without a match is hidden, in the page and in the section list.
          const hiddenSections = await page.$$eval('main section[data-filter-section]', (sections) => sections.filter((s) => !s.checkVisibility()).map((s) => s.id));
          expect(hiddenSections.length).toBeGreaterThan(0);
          for (const id of hiddenSections) expect(await page.locator(`nav a[href="#${id}"]`).isVisible()).toBe(false);

          await filter().press('Escape');
          await waitFor('every setting back', async () => (await shownItems()).length === all);
          expect(await filter().inputValue()).toBe('');
        });
      }

      it('says so when no setting matches', async () => {
        await filter().fill('zzqx');
        await page.locator('#settings-filter-result', { hasText: message(locale, 'optFilterNoMatch', 'zzqx') }).waitFor();
        expect(await shownItems()).toEqual([]);
        expect(await page.getByRole('navigation').isVisible()).toBe(false);
        await filter().press('Escape');
        await waitFor('the settings back', async () => (await shownItems()).length > 0);
      });
    });

    it('shows the sections beside the settings at 1280 px and above them at 400 px, and no text overflows its box', async () => {
      fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      const nav = page.getByRole('navigation', { name: message(locale, 'optSectionsNav') });
      const main = page.getByRole('main');
      for (const width of [1280, 400]) {
        await page.setViewportSize({ width, height: 800 });
        await page.evaluate(() => window.scrollTo(0, 0));
        const navBox = (await nav.boundingBox())!;
        const mainBox = (await main.boundingBox())!;
        if (width === 1280) {
          expect(navBox.x + navBox.width).toBeLessThanOrEqual(mainBox.x);
          expect(Math.abs(navBox.y - mainBox.y)).toBeLessThan(24);
          // The settings column keeps its width when the filter leaves little in it.
          await filter().fill(FILTER_CASES.find((c) => c.locale === locale)!.word);
          await page.locator('#settings-filter-result').filter({ hasText: /\S/ }).waitFor();
          expect((await main.boundingBox())!.width).toBe(mainBox.width);
          await filter().fill('');
        } else {
          expect(navBox.y + navBox.height).toBeLessThanOrEqual(mainBox.y);
          expect(navBox.x).toBeLessThan(mainBox.x + mainBox.width);
        }
        await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `options-${locale}-${width}.png`) });
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
        const overflowing = await findOverflowingText(page);
        expect(overflowing, describeOverflow(overflowing)).toEqual([]);
      }
    });
  });
}
