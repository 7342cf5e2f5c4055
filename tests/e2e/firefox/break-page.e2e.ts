// The break page in real Firefox ESR: with sound and voice on, the routine chimes at each step and runs to Done without an error;
// Done closes itself; the routine's way out (Snooze, Skip) by mouse, strict mode without one; keys typed as the prompt falls do nothing; the card fits 600 px.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, FIREFOX_DIST, recordSpeech, speechRecorded, waitFor, type DevOverrides, type Tally } from '../support/extension';
import { breakCardClippingInPage } from '../support/layout';
import { firefoxAvailable, launchFirefox, type FirefoxSession } from '../support/firefox';
import { BREAK_PAGE, POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

const CLOCK: DevOverrides = { workSeconds: 3_600, breakSeconds: 8, snoozeSeconds: 3_600 };

declare const browser: {
  storage: {
    local: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
    sync: { set(items: object): Promise<void>; remove(keys: string): Promise<void> };
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

interface CueCounts {
  contexts: number;
  oscillators: number;
  state: string;
}

/** The break window, once it is open. */
async function findBreakWindow(session: FirefoxSession): Promise<Page | null> {
  for (const p of await session.browser.pages()) {
    const url = await p.evaluate(() => location.href).catch(() => '');
    if (url.includes(BREAK_PAGE)) return p;
  }
  return null;
}

/** Today's tally as stored (all days summed: a test may run over midnight). */
async function storedTally(control: Page): Promise<Partial<Tally>> {
  return control.evaluate(async () => {
    const { history } = (await browser.storage.local.get('history')) as { history?: Record<string, Record<string, number>> };
    const sum: Record<string, number> = {};
    for (const day of Object.values(history ?? {})) for (const [k, v] of Object.entries(day)) sum[k] = (sum[k] ?? 0) + v;
    return sum;
  });
}

/** Clicks, with the mouse, the button whose text starts with `label`, once the break takes input (it has been seen for a moment). */
async function clickButtonByMouse(page: Page, label: string): Promise<void> {
  await page.waitForSelector('html[data-input="answered"]', { timeout: 10_000 });
  const handle = await page.waitForFunction((text) => [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith(text)) ?? null, { timeout: 10_000 }, label);
  await (handle as unknown as { click(): Promise<void> }).click();
}

async function hasButton(page: Page, label: string): Promise<boolean> {
  return page.evaluate((text) => [...document.querySelectorAll('button')].some((b) => b.textContent?.startsWith(text)), label);
}

/** Whether the break card is cut off at this viewport: null when nothing is. */
const cardClipping = (page: Page): Promise<string | null> => page.evaluate(breakCardClippingInPage);

describeWithBrowser('Firefox: the break page with sound and spoken cues', firefoxAvailable(), () => {
  let session: FirefoxSession;
  let control: Page;

  beforeAll(async () => {
    // No host access: the break opens in its own window.
    session = await launchFirefox({ extensionDir: FIREFOX_DIST, prefs: { 'extensions.originControls.grantByDefault': false } });
    control = await session.openExtensionPage(POPUP_PAGE);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('runs the routine to Done with the chime and voice on, without errors', async () => {
    await session.setIdleTime(0);
    await control.evaluate(() => browser.storage.sync.set({ settings: { sound: true, voice: true } }));
    await control.evaluate((o) => browser.storage.local.set({ devOverrides: o }), CLOCK);
    await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
    const breakWindow: Page = await waitFor(
      'the break window',
      async () => {
        for (const p of await session.browser.pages()) {
          const url = await p.evaluate(() => location.href).catch(() => '');
          if (url.includes(BREAK_PAGE)) return p;
        }
        return null;
      },
      20_000,
    );
    const errors: string[] = [];
    breakWindow.on('pageerror', (e) => errors.push(String(e)));
    breakWindow.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await breakWindow.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Start'), { timeout: 10_000 });

    // Count what the page asks of Web Audio and speech synthesis, passing every call through.
    await breakWindow.evaluate(() => {
      const counts = { contexts: 0, oscillators: 0, state: 'none' };
      (window as unknown as { cueCounts: typeof counts }).cueCounts = counts;
      const Original = window.AudioContext;
      window.AudioContext = class extends Original {
        constructor(options?: AudioContextOptions) {
          super(options);
          counts.contexts++;
          const createOscillator = this.createOscillator.bind(this);
          this.createOscillator = () => {
            counts.oscillators++;
            counts.state = this.state;
            return createOscillator();
          };
        }
      };
    });
    await breakWindow.evaluate(recordSpeech);

    await breakWindow.waitForSelector('html[data-input="answered"]', { timeout: 10_000 });
    await breakWindow.click('button.primary');
    await breakWindow.waitForFunction(() => document.querySelector('h1')?.textContent === 'Nicely done', { timeout: 30_000 });
    const counts = await breakWindow.evaluate(() => (window as unknown as { cueCounts: CueCounts }).cueCounts);
    const completed = await control.evaluate(async () => {
      const { history } = (await browser.storage.local.get('history')) as { history?: Record<string, Record<string, number>> };
      return Object.values(history ?? {}).reduce((sum, day) => sum + (day.completed ?? 0), 0);
    });
    expect(completed).toBe(1);
    // One context for the whole routine; two partials per chime, at least one chime per exercise.
    expect(counts.contexts).toBe(1);
    expect(counts.oscillators).toBeGreaterThanOrEqual(2 * 4);
    expect(counts.oscillators % 2).toBe(0);
    // Each step is spoken as it starts, along with its chime, by a voice on this computer; with
    // none (this machine has no speech engine's voices) the cues stay unspoken: never the engine's default.
    const spoken = await breakWindow.evaluate(speechRecorded);
    expect(spoken.hasSpeech).toBe(true);
    expect(spoken.spokenWithLocalVoice.every(Boolean)).toBe(true);
    expect(spoken.spokenWithLocalVoice.length).toBe(spoken.localVoices === 0 ? 0 : counts.oscillators / 2);
    console.info(`Firefox break page cues: ${JSON.stringify({ ...counts, spoken })}`);
    expect(errors).toEqual([]);

    // Done offers Close, then closes the window by itself about 15 s after it appeared.
    const doneAt = Date.now();
    expect(await hasButton(breakWindow, 'Close')).toBe(true);
    expect(await breakWindow.$eval('[data-testid="done-closes-in"]', (el) => el.textContent)).toMatch(/^This closes by itself in 1[3-5] s\.$/);
    await waitFor('the break window to close by itself', async () => (await findBreakWindow(session)) === null, 25_000);
    expect(Date.now() - doneAt).toBeGreaterThanOrEqual(12_000);
    await control.evaluate(() => browser.storage.sync.remove('settings'));
  });

  async function openBreak(): Promise<Page> {
    await session.setIdleTime(0);
    await control.evaluate(() => browser.runtime.sendMessage({ type: 'break:now' }));
    const page = await waitFor('the break window', () => findBreakWindow(session), 20_000);
    await page.waitForSelector('main[data-keys]', { timeout: 10_000 });
    return page;
  }

  it('keys pressed in the first second after the prompt appears do nothing; the paused routine says Resume; Snooze on the routine screen, by mouse', async () => {
    const before = await storedTally(control);
    const page = await openBreak();
    // Enter and Space would press the focused Start; Escape would snooze.
    for (const key of ['Enter', ' ', 'Escape'] as const) await page.keyboard.press(key);
    // Every key fell in that first second: the page still took keys as typing after the last one.
    expect(await page.$eval('main', (m) => m.dataset.keys)).toBe('not-yet');
    await page.waitForSelector('main[data-keys="answered"]', { timeout: 5_000 });
    expect(await hasButton(page, 'Start')).toBe(true);
    expect(await page.$('[data-testid="pause"]')).toBeNull();
    const answers = ({ completed, snoozed, skipped }: Partial<Record<string, number>>) => ({ completed, snoozed, skipped });
    expect(answers(await storedTally(control))).toEqual(answers(before));

    // After it, a key answers as usual: Enter starts.
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="pause"]');
    expect(await hasButton(page, 'Skip')).toBe(true);
    await page.click('[data-testid="pause"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="pause"]')?.textContent === 'Resume', { timeout: 5_000 });
    await clickButtonByMouse(page, 'Snooze');
    await waitFor('the break window to close', async () => (await findBreakWindow(session)) === null);
    await waitFor('the snooze to be recorded', async () => ((await storedTally(control)).snoozed ?? 0) === (before.snoozed ?? 0) + 1);
    expect(await storedTally(control)).toMatchObject({ completed: before.completed ?? 0, skipped: before.skipped ?? 0 });
  });

  it('Skip on the routine screen, by mouse; the card fits a 600 px tall viewport at every step (in English: this Firefox has no other language pack)', async () => {
    const before = await storedTally(control);
    const page = await openBreak();
    await page.setViewport({ width: 520, height: 600 });
    await page.waitForSelector('main[data-keys="answered"]', { timeout: 5_000 });
    expect(await cardClipping(page), 'prompt').toBeNull();
    await clickButtonByMouse(page, 'Start');
    await page.waitForSelector('[data-testid="pause"]');
    // Paused, so time does not move the steps on while each one is measured; Next still does.
    await page.click('[data-testid="pause"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="pause"]')?.textContent === 'Resume', { timeout: 5_000 });
    const screenName = () => page.evaluate(() => `${document.querySelector('.step-count')?.textContent} · ${document.querySelector('#step-title')?.textContent}`);
    const seen = new Set<string>();
    for (;;) {
      const screen = await screenName();
      if (!seen.has(screen)) {
        seen.add(screen);
        expect(await cardClipping(page), screen).toBeNull();
      }
      if ((await page.$eval('[data-testid="step-forward"]', (b) => b.getAttribute('aria-disabled'))) === 'true') break;
      await page.click('[data-testid="step-forward"]');
      await waitFor('the next screen', async () => (await screenName()) !== screen, 3_000);
    }
    expect(seen.size).toBeGreaterThanOrEqual(4);
    await clickButtonByMouse(page, 'Skip');
    await waitFor('the break window to close', async () => (await findBreakWindow(session)) === null);
    await waitFor('the skip to be recorded', async () => ((await storedTally(control)).skipped ?? 0) === (before.skipped ?? 0) + 1);
    expect(await storedTally(control)).toMatchObject({ completed: before.completed ?? 0, snoozed: before.snoozed ?? 0 });
  });

  it('in strict mode the routine screen has neither Snooze nor Skip and says the break is strict', async () => {
    await control.evaluate(() => browser.storage.sync.set({ settings: { strict: true } }));
    const before = await storedTally(control);
    const page = await openBreak();
    await page.waitForSelector('main[data-keys="answered"]', { timeout: 5_000 });
    await clickButtonByMouse(page, 'Start');
    await page.waitForSelector('.strict-note');
    expect(await page.$eval('.strict-note', (p) => p.textContent)).toBe('Strict mode is on: this break has no Snooze or Skip and ends when the routine does.');
    expect(await hasButton(page, 'Snooze')).toBe(false);
    expect(await hasButton(page, 'Skip')).toBe(false);
    // The only way out is through: the routine runs to Done, and Close ends it.
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Nicely done', { timeout: 30_000 });
    await clickButtonByMouse(page, 'Close');
    await waitFor('the break window to close', async () => (await findBreakWindow(session)) === null);
    expect(await storedTally(control)).toMatchObject({ completed: (before.completed ?? 0) + 1 });
    await control.evaluate(() => browser.storage.sync.remove('settings'));
  });
});
