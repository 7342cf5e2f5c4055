// Breaks take turns in real Chromium and Firefox ESR: two default-length Desk breaks in a row (the first completed) say
// and play different exercises; a skipped break leaves the next one as it was. The test clock shortens each break to
// seconds; the routine is still the one built for the default 120 s. (No host access: each break opens in its window.)
import { expect, it } from 'vitest';
import { sleep, waitFor, type DevOverrides } from '../support/extension';
import { browserLabel, describeInEachBrowser, type BreakPage, type ExtensionApi } from '../support/session';
import { DEV_OVERRIDES_KEY, HISTORY_KEY } from '../../../src/core/contracts/storage-keys';

// No automatic breaks: each one is asked for with `break:now`.
const CLOCK: DevOverrides = { workSeconds: 3_600, breakSeconds: 6, snoozeSeconds: 3_600 };

declare const browser: ExtensionApi;

describeInEachBrowser('successive breaks take turns through the routine', {}, (session, kind) => {
  const completed = async () => {
    const history = await session().readLocal<Record<string, { completed: number }>>(HISTORY_KEY);
    return Object.values(history ?? {}).reduce((sum, day) => sum + day.completed, 0);
  };
  const noBreakPage = async () => (await session().breakPages()).length === 0;
  const heading = (page: BreakPage) => page.evaluate(() => document.querySelector('h1')?.textContent ?? '').catch(() => '');

  /** Asks for a break, and returns its window once the prompt says what the break holds. */
  async function openBreak(): Promise<{ page: BreakPage; plan: string }> {
    await waitFor('no break window left open', noBreakPage);
    await session().send({ type: 'break:now' });
    const page = await waitFor('the break window', async () => (await session().breakPages())[0], 20_000);
    const plan = await waitFor('the prompt to say what the break holds', async () => {
      const text = await page.evaluate(() => document.querySelector('[data-testid="break-plan"]')?.textContent ?? '').catch(() => '');
      return text.startsWith('Desk · 2 min · ') ? text : null;
    });
    return { page, plan };
  }

  /** Starts the break and notes every step title shown until Done; then closes the window. */
  async function playToDone(page: BreakPage): Promise<string[]> {
    await page.clickButton('Start');
    const titles: string[] = [];
    const deadline = Date.now() + 30_000;
    for (;;) {
      const title = await heading(page);
      if (title === 'Nicely done') break;
      if (Date.now() > deadline) throw new Error(`no Done screen after 30 s; last step: ${title}`);
      if (title && titles.at(-1) !== title) titles.push(title);
      await sleep(40);
    }
    // The Done screen may close itself; otherwise its Close button does.
    await page.clickButton('Close').catch(() => undefined);
    await waitFor('the break window to close', noBreakPage);
    return titles;
  }

  it('two default-length Desk breaks in a row show different exercises, and a skip does not reshuffle them', async () => {
    await session().control.evaluate(({ key, clock }) => browser.storage.local.set({ [key]: clock }), { key: DEV_OVERRIDES_KEY, clock: CLOCK });
    const first = await openBreak();
    const firstTitles = await playToDone(first.page);
    await waitFor('the first break to count as completed', async () => (await completed()) === 1);

    const second = await openBreak();
    expect(second.plan).not.toBe(first.plan);
    // The default Desk break has room for three of its four exercises: the doorway stretch comes second.
    expect(first.plan).not.toContain('Doorway pectoral stretch');
    expect(second.plan).toContain('Doorway pectoral stretch');
    // Skipped: the window closes, and the next break is the same one again.
    await second.page.clickButton('Skip');
    await waitFor('the skipped break window to close', noBreakPage);
    const again = await openBreak();
    expect(again.plan).toBe(second.plan);
    const secondTitles = await playToDone(again.page);
    await waitFor('the second break to count as completed', async () => (await completed()) === 2);

    // What played matches what the prompts said, and differs between the two.
    expect(firstTitles.some((title) => title.includes('Thoracic extension'))).toBe(true);
    expect(firstTitles.some((title) => title.includes('Doorway pectoral stretch'))).toBe(false);
    expect(secondTitles.some((title) => title.includes('Doorway pectoral stretch'))).toBe(true);
    expect(secondTitles.some((title) => title.includes('Thoracic extension'))).toBe(false);
    console.info(`${browserLabel(kind)} breaks: ${JSON.stringify({ first: first.plan, second: second.plan, firstTitles, secondTitles })}`);
  });
});
