// An update or a reload of the extension in real Chromium is no browser start: the cycle goes on, no natural break, no
// lost time. (Chromium only: it reloads an unpacked install from its folder, as Chromium's "Load unpacked" does.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumAvailable, closeWelcomeTab, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, sleep, waitFor, type DevOverrides, type Schedule, type Tally } from '../support/extension';
import { POPUP_PAGE } from '../../../src/core/contracts/extension-paths';

declare const chrome: {
  storage: { local: { get(keys: string[] | string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
};

describeWithBrowser('Chromium: an update or a reload of the extension is no browser start', chromiumAvailable(), () => {
  let session: ChromiumSession | undefined;
  let copy: string;
  let profile: string;

  /** An extension page to read storage from (a reload closes every extension page). */
  async function stored(): Promise<{ schedule: Schedule; natural: number }> {
    // Just after a reload the extension's pages are blocked for a moment.
    const control = await waitFor('the extension back', () => session!.openExtensionPage(POPUP_PAGE), 15_000);
    const { schedule, history } = (await control.evaluate(() => chrome.storage.local.get(['schedule', 'history']))) as { schedule: Schedule; history?: Record<string, Tally> };
    await control.close();
    return { schedule, natural: Object.values(history ?? {}).reduce((sum, day) => sum + day.natural, 0) };
  }

  /** Reloads the extension from its folder (as an update does), after `quietMs` without an event. */
  async function reloadAfter(quietMs: number, version?: string): Promise<void> {
    await sleep(quietMs);
    if (version) {
      const file = path.join(copy, 'manifest.json');
      fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), version }));
    }
    const control = await session!.openExtensionPage(POPUP_PAGE);
    await control.evaluate(() => (chrome as unknown as { runtime: { reload(): void } }).runtime.reload()).catch(() => undefined);
    await session!.worker(15_000);
    await sleep(1_500);
  }

  beforeAll(async () => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-update-'));
    fs.cpSync(CHROME_DIST, copy, { recursive: true });
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'unhunch-update-profile-'));
    // Installed as "Load unpacked" (a second launch on the profile): one loaded from the command
    // line is switched off by a reload.
    const first = await launchChromium({ extensionDir: copy, profileDir: profile, keepProfile: true });
    await closeWelcomeTab(first);
    await first.close();
    session = await launchChromium({ extensionDir: copy, profileDir: profile, keepProfile: true });
    await session.worker(15_000);
    const control = await session.openExtensionPage(POPUP_PAGE);
    // A long cycle and a natural-break threshold shorter than the quiet spells below.
    await control.evaluate((o) => chrome.storage.local.set({ devOverrides: o }), { workSeconds: 3_600, naturalBreakSeconds: 2 } satisfies DevOverrides);
    await control.close();
  });

  afterAll(async () => {
    await session?.close();
    for (const dir of [copy, profile]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the cycle goes on through a reload and through an update to a new version: no natural break, no lost time', async () => {
    const before = await stored();
    await reloadAfter(3_000);
    const afterReload = await stored();
    expect(afterReload.natural).toBe(before.natural);
    expect(afterReload.schedule.cycleActiveMs).toBeGreaterThan(before.schedule.cycleActiveMs + 2_500);
    await reloadAfter(3_000, '9.9.9');
    const afterUpdate = await stored();
    expect(afterUpdate.natural).toBe(before.natural);
    expect(afterUpdate.schedule.cycleActiveMs).toBeGreaterThan(afterReload.schedule.cycleActiveMs + 2_500);
  });
});
