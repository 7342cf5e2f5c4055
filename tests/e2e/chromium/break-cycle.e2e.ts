// The break cycle in the built Chrome extension, in real Chromium: due → overlay → Start → Done, snooze, skip, worker stopped.
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumAvailable, closeWelcomeTab, launchChromium, type ChromiumSession } from '../support/chromium';
import { CHROME_DIST, describeWithBrowser, SCREENSHOTS_DIR, waitFor, type DevOverrides } from '../support/extension';
import { startTestServer, type TestServer } from '../support/server';

const BREAK_PAGE = 'src/pages/break/index.html';
const FAST_CLOCK: DevOverrides = { workSeconds: 5, breakSeconds: 6, snoozeSeconds: 3 };

declare const chrome: {
  storage: { local: { get(keys: string[] | string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

function breakFrame(page: Page): Frame | undefined {
  return page.frames().find((f) => f.url().includes(BREAK_PAGE));
}

async function setDevOverrides(worker: Worker, overrides: DevOverrides): Promise<void> {
  await worker.evaluate((o) => chrome.storage.local.set({ devOverrides: o }), overrides);
}

async function storedTally(worker: Worker): Promise<Record<string, number>> {
  return worker.evaluate(async () => {
    const { history } = (await chrome.storage.local.get('history')) as { history?: Record<string, Record<string, number>> };
    const d = new Date();
    const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    return history?.[key] ?? {};
  });
}

async function clickButton(frame: Frame, name: RegExp): Promise<void> {
  await frame.getByRole('button', { name }).click();
}

describeWithBrowser('Chromium: a break cycle with host access (overlay)', chromiumAvailable(), () => {
  let session: ChromiumSession;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    session = await launchChromium({ extensionDir: CHROME_DIST, grantOrigins: ['<all_urls>'] });
    await closeWelcomeTab(session);
    page = session.context.pages()[0] ?? (await session.context.newPage());
    await page.setViewportSize({ width: 1100, height: 760 });
    await page.goto(`${server.url}/`);
    await page.bringToFront();
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('shows the break over the page when due; Start runs the routine to Done; the popup shows 1 completed', async () => {
    await setDevOverrides(await session.worker(), FAST_CLOCK);
    const frame = await waitFor('the break overlay in the page', async () => breakFrame(page), 20_000);
    await frame.getByRole('button', { name: /^Start/ }).waitFor();
    expect(await frame.getByRole('button', { name: /^Snooze 1 min/ }).count()).toBe(1);
    expect(await frame.getByRole('button', { name: /^Skip/ }).count()).toBe(1);
    await clickButton(frame, /^Start/);
    await frame.getByText(/^Step 1 of \d+$/).waitFor();
    await frame.getByTestId('countdown').waitFor();
    await new Promise((r) => setTimeout(r, 1800));
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'chromium-break-over-page.png') });
    await frame.getByRole('heading', { name: 'Nicely done' }).waitFor({ timeout: 15_000 });
    expect(await frame.getByTestId('tally-completed').textContent()).toBe('1');
    await clickButton(frame, /^Close/);
    await waitFor('the overlay to go', async () => !breakFrame(page));

    const popup = await session.openExtensionPage('src/pages/popup/index.html');
    await popup.getByTestId('tally-completed').waitFor();
    expect(await popup.getByTestId('tally-completed').textContent()).toBe('1');
    await popup.close();
    await page.bringToFront();
  });

  it('Snooze takes the break away and brings it back after the snooze time', async () => {
    const frame = await waitFor('the next break', async () => breakFrame(page), 20_000);
    await frame.getByRole('button', { name: /^Snooze/ }).waitFor();
    await clickButton(frame, /^Snooze/);
    const snoozedAt = Date.now();
    await waitFor('the overlay to go', async () => !breakFrame(page));
    const again = await waitFor('the snoozed break to return', async () => breakFrame(page), 20_000);
    const returnedAfterMs = Date.now() - snoozedAt;
    expect(returnedAfterMs).toBeGreaterThanOrEqual(2_500);
    expect(returnedAfterMs).toBeLessThan(9_000);
    await again.getByRole('button', { name: /^Skip/ }).waitFor();
    await clickButton(again, /^Skip/);
    await waitFor('the overlay to go', async () => !breakFrame(page));
    const tally = await storedTally(await session.worker());
    expect(tally).toMatchObject({ completed: 1, snoozed: 1, skipped: 1 });
  });

  it('a worker stopped mid-cycle still brings the break on time, with nothing lost', async () => {
    // The skip above restarted the cycle; stop the worker as Chromium does when it is idle.
    const cycleStart = Date.now();
    await session.stopServiceWorker();
    expect(await session.serviceWorkerRunning()).toBe(false);
    const frame = await waitFor('the break after a stopped worker', async () => breakFrame(page), 20_000);
    const dueAfterMs = Date.now() - cycleStart;
    expect(dueAfterMs).toBeGreaterThanOrEqual(3_000);
    expect(dueAfterMs).toBeLessThan(10_000);
    await frame.getByRole('button', { name: /^Start/ }).waitFor();
    // Stopped again while the prompt is pending: the pending break survives.
    await session.stopServiceWorker();
    await clickButton(frame, /^Start/);
    await frame.getByRole('heading', { name: 'Nicely done' }).waitFor({ timeout: 15_000 });
    expect(await storedTally(await session.worker())).toMatchObject({ completed: 2, snoozed: 1, skipped: 1 });
    await clickButton(frame, /^Close/);
  });

  it('ignores forged messages: the page cannot close the overlay, malformed requests change nothing', async () => {
    const control = await session.openExtensionPage('src/pages/popup/index.html');
    await page.bringToFront();
    await control.evaluate(() => chrome.runtime.sendMessage({ type: 'break:now' }));
    const frame = await waitFor('the manual break', async () => breakFrame(page), 10_000);
    await frame.getByRole('button', { name: /^Start/ }).waitFor();
    const before = await control.evaluate(() => chrome.storage.local.get('schedule'));
    // The page posts what the break page would post to its host script.
    await page.evaluate(() => window.postMessage({ type: 'unhunch:close' }, '*'));
    const breakId = (before.schedule as { mode: { breakId: number } }).mode.breakId;
    for (const forged of [
      { type: 'break:complete', breakId: String(breakId) },
      { type: 'break:skip', breakId, extra: true },
      { type: 'break:complete', breakId },
      { type: 'pause', minutes: -5 },
      'break:skip',
    ]) {
      await control.evaluate((m) => chrome.runtime.sendMessage(m).catch(() => null), forged as never);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(breakFrame(page)).toBeDefined();
    const after = await control.evaluate(() => chrome.storage.local.get('schedule'));
    expect((after.schedule as { mode: unknown }).mode).toEqual((before.schedule as { mode: unknown }).mode);
    await control.close();
  });
});

describeWithBrowser('Chromium: without host access the break opens in its own window', chromiumAvailable(), () => {
  let session: ChromiumSession;
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    session = await launchChromium({ extensionDir: CHROME_DIST });
    await closeWelcomeTab(session);
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('opens a small break window, and Skip closes it', async () => {
    const page = session.context.pages()[0] ?? (await session.context.newPage());
    await page.goto(`${server.url}/`);
    const opened = session.context.waitForEvent('page', { predicate: (p) => p.url().includes(BREAK_PAGE), timeout: 20_000 });
    await setDevOverrides(await session.worker(), FAST_CLOCK);
    const breakWindow = await opened;
    expect(breakWindow.url()).toContain('surface=window');
    expect(breakFrame(page)).toBeUndefined();
    await breakWindow.getByRole('button', { name: /^Skip/ }).click();
    await waitFor('the break window to close', async () => breakWindow.isClosed());
    expect(await storedTally(await session.worker())).toMatchObject({ skipped: 1 });
  });
});
