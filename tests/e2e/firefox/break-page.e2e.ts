// The break page in real Firefox ESR: with sound and voice on, the routine chimes at each step and runs to Done without an error.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, FIREFOX_DIST, recordSpeech, speechRecorded, waitFor, type DevOverrides } from '../support/extension';
import { firefoxAvailable, launchFirefox, type FirefoxSession } from '../support/firefox';

const BREAK_PAGE = 'src/pages/break/index.html';
const POPUP_PAGE = 'src/pages/popup/index.html';
const CLOCK: DevOverrides = { workSeconds: 3_600, breakSeconds: 8, snoozeSeconds: 3_600 };

declare const browser: {
  storage: {
    local: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
    sync: { set(items: object): Promise<void> };
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

interface CueCounts {
  contexts: number;
  oscillators: number;
  state: string;
}

describeWithBrowser('Firefox: the break page with sound and spoken cues', firefoxAvailable(), () => {
  let session: FirefoxSession;

  beforeAll(async () => {
    // No host access: the break opens in its own window.
    session = await launchFirefox({ extensionDir: FIREFOX_DIST, prefs: { 'extensions.originControls.grantByDefault': false } });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('runs the routine to Done with the chime and voice on, without errors', async () => {
    await session.setIdleTime(0);
    const control = await session.openExtensionPage(POPUP_PAGE);
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
  });
});
